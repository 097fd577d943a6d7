import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const module = fileURLToPath(new URL('./wasm-tiering.ts', import.meta.url));

/** `(func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)` */
const addWasm = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100,
  100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11,
];

/**
 * In a fresh process: apply the setting, call a wasm function hot enough that V8
 * tiers it up, and ask V8 (natives syntax) which compiler produced its code.
 */
function tierAfterHotLoop(tierUp: boolean): { turbofan: boolean } {
  const script = `
    const { applyWasmTiering } = await import(${JSON.stringify(module)});
    applyWasmTiering(${tierUp});
    const bytes = new Uint8Array(${JSON.stringify(addWasm)});
    const { add } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
    const isTurbofan = new Function('f', 'return %IsTurboFanFunction(f)');
    let sum = 0;
    for (let i = 0; i < 3e6 && !isTurbofan(add); i++) sum = add(sum, 1) | 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(JSON.stringify({ turbofan: isTurbofan(add) }));
  `;
  const out = execFileSync(
    process.execPath,
    ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { turbofan: boolean };
}

describe('WebAssembly tiering for serve', () => {
  it('keeps hot wasm on the baseline compiler by default (server.wasmTierUp: false)', () => {
    expect(tierAfterHotLoop(false)).toEqual({ turbofan: false });
  });

  it('lets V8 optimise hot wasm when server.wasmTierUp is true', () => {
    expect(tierAfterHotLoop(true)).toEqual({ turbofan: true });
  });
});
