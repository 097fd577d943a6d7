/**
 * WebAssembly tiering for `shipgate serve` (ADR 0037). undici parses every upstream
 * answer with llhttp compiled to WebAssembly. Under the first load V8 re-compiles its
 * hot functions with TurboFan on a background thread, and those compiles took ~25 MB
 * of malloc'd memory for a few hundred milliseconds: the server's peak RSS (169 MB
 * against 148 MB without, bench:gateway's throughput load). Liftoff, V8's baseline
 * wasm compiler, parses the same bytes with no measurable CPU difference here.
 */
import { setFlagsFromString } from 'node:v8';

let applied: boolean | null = null;

/**
 * Keeps WebAssembly on Liftoff unless `tierUp` is true. Call before the first upstream
 * connection: V8 reads the flag when a module compiles. Process-wide and idempotent;
 * the first call decides.
 */
export function applyWasmTiering(tierUp: boolean): void {
  if (applied !== null) return;
  applied = tierUp;
  if (!tierUp) setFlagsFromString('--liftoff-only');
}
