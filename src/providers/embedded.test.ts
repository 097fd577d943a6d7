import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyGguf } from '../../test/fixtures/make-tiny-gguf.js';
import { createCompleteService } from '../complete/index.js';
import { parseConfig } from '../config/load.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { EmbeddedEngine, installHint } from './embedded-engine.js';

/** The prebuilt CPU binary must load offline; otherwise say why and skip. */
async function llamaLoads(): Promise<string | null> {
  try {
    const { getLlama } = await import('node-llama-cpp');
    const llama = await getLlama({ build: 'never', gpu: false });
    await llama.dispose();
    return null;
  } catch (error) {
    return `node-llama-cpp cannot load its prebuilt binary here: ${String(error)}`;
  }
}

const skipReason = await llamaLoads();
let dir: string;
let runtime: Runtime;

describe.skipIf(skipReason !== null)(`embedded provider on a tiny GGUF ${skipReason ?? ''}`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-embedded-'));
    writeTinyGguf(join(dir, 'tiny-fim.gguf'));
    writeTinyGguf(join(dir, 'tiny-chat.gguf'), { fim: false });
    const config = parseConfig(
      {
        home: dir,
        storage: { url: 'sqlite::memory:' },
        providers: { local: { kind: 'embedded' } },
        models: {
          tiny: {
            provider: 'local',
            model: 'tiny',
            path: join(dir, 'tiny-fim.gguf'),
            fim: 'codellama',
          },
          chatonly: {
            provider: 'local',
            model: 'chatonly',
            path: join(dir, 'tiny-chat.gguf'),
            fim: 'codellama',
          },
          missing: { provider: 'local', model: 'missing', path: 'nope.gguf', fim: 'codellama' },
        },
        embedded: { threads: 1, slots: 1, contextSize: 2048 },
        // the first call loads the model: well over 2 s on a loaded CI machine
        complete: { deadlineMs: 60_000 },
        cache: { persist: false },
      },
      'test',
    );
    runtime = await createRuntime(config);
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes through the model’s infill tokens, post-processed', async () => {
    const service = createCompleteService(runtime);
    const result = await service.complete({
      prefix: 'const answer = ',
      suffix: '\n',
      model: 'tiny',
    });
    expect(result).toMatchObject({ completion: '42;', model: 'tiny', cached: false });
    // the suffix already ends the statement: the overlap is dropped
    const overlap = await service.complete({ prefix: 'let b = ', suffix: ';\n', model: 'tiny' });
    expect(overlap.completion).toBe('42');
  }, 60_000);

  it('queues calls beyond the slots (one context here) and answers them all', async () => {
    const service = createCompleteService(runtime);
    const results = await Promise.all(
      ['a', 'b', 'c'].map((v) =>
        service.complete({ prefix: `const ${v} = `, suffix: '\n', model: 'tiny' }),
      ),
    );
    expect(results.map((r) => r.completion)).toEqual(['42;', '42;', '42;']);
  }, 60_000);

  it('a model without FIM tokens is asked through its chat template', async () => {
    const service = createCompleteService(runtime);
    const result = await service.complete({
      prefix: 'const c = ',
      suffix: '\n',
      model: 'chatonly',
    });
    expect(result.completion).toContain('42');
  }, 60_000);

  it('serves chat requests through the gateway', async () => {
    const out = await runtime.gateway.generate({
      messages: [{ role: 'user', content: 'the answer?' }],
      model: 'tiny',
      task: 'chat',
      maxOutputTokens: 8,
    });
    expect(out.text).toContain('42');
    expect(out.usage).toMatchObject({ estimated: false });
  }, 60_000);

  it('says what to fix for a missing model file', async () => {
    const service = createCompleteService(runtime);
    await expect(service.complete({ prefix: 'x = ', model: 'missing' })).rejects.toThrow(
      /models\.missing\.path: .*nope\.gguf does not exist \(shipgate models pull/,
    );
  });
});

describe('embedded engine without node-llama-cpp', () => {
  it('names the install command', async () => {
    const missing = Object.assign(new Error("Cannot find package 'node-llama-cpp'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const engine = new EmbeddedEngine({ importLlama: () => Promise.reject(missing) });
    await expect(engine.load('/x.gguf')).rejects.toThrow(installHint);
    expect(installHint).toContain('npm install node-llama-cpp@3.21.1');
  });
});
