/**
 * Warm `POST /api/validate` timing for bench:validate: `shipgate serve` from source in
 * its own process, its cwd the bench project (so the server's project root is it), the
 * fixture posted with no `gates` (every default gate), after warm-up requests.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../validate-under-load/serve-entry.ts', import.meta.url));

export interface ApiTiming {
  times: number[];
  errors: number;
  gates: string[];
  /** Each gate's own durationMs per run, as the report gives it. */
  perGate: Record<string, number[]>;
}

async function startServer(dir: string, home: string) {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), entry, 'serve', '--port', '0'],
    { cwd: dir, env: { ...process.env, SHIPGATE_HOME: home }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`shipgate serve exited with ${code}`)));
  });
  const origin = /listening on (http:\/\/\S+)/.exec(line)?.[1];
  if (!origin) throw new Error(`shipgate serve did not start: ${line}`);
  return { child, origin };
}

export async function measureApi(
  dir: string,
  home: string,
  variant: (i: number) => string,
  runs: number,
): Promise<ApiTiming> {
  const { child, origin } = await startServer(dir, home);
  const post = async (i: number) => {
    const response = await fetch(`${origin}/api/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ path: 'src/service.ts', content: variant(i) }] }),
    });
    const body = (await response.json()) as { gates?: { gate: string; durationMs: number }[] };
    return { ok: response.status === 200, gates: body.gates ?? [] };
  };
  try {
    for (let i = 0; i < 3; i++) await post(-1 - i); // warm: gate pool, typecheck worker, ESLint
    const times: number[] = [];
    let errors = 0;
    const perGate: Record<string, number[]> = {};
    for (let i = 1; i <= runs; i++) {
      const started = performance.now();
      const result = await post(i);
      times.push(performance.now() - started);
      if (!result.ok) errors += 1;
      for (const g of result.gates) (perGate[g.gate] ??= []).push(g.durationMs);
    }
    return { times, errors, gates: Object.keys(perGate), perGate };
  } finally {
    child.kill('SIGTERM');
  }
}
