/**
 * The completion service: window the context → cache → one shared upstream call
 * through the gateway (routing, fallbacks, metering) under the complete deadline →
 * post-process. Reads top to bottom like Continue's autocomplete pipeline.
 */
import { createHash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ResolvedProvider } from '../config/load.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { Gateway } from '../gateway/gateway.js';
import type { AttemptFn } from '../gateway/router/attempt.js';
import { linkedAbort } from '../gateway/router/linked-abort.js';
import { toAbortSignal } from '../lib/light-abort.js';
import type { CompletionLog } from './completion-log.js';
import { fitWindow, type Windowed } from './context-window.js';
import type { FimTemplate } from './fim-templates.js';
import type { FimEngine, FimOutput } from './fim-upstream.js';
import { InFlight } from './in-flight.js';
import { checkTemplate, pickAlias, templateFor, type CompleteConfig } from './pick-model.js';
import { wantsMultiline } from './post/line-mode.js';
import { postProcess } from './post/post-process.js';
import { PrefixCache } from './prefix-cache.js';
import { commentMarker, infillInput, renderFimPrompt, type PromptParts } from './render-prompt.js';
import type { CompleteRequest, CompleteResult, FeedbackRequest } from './types.js';

export interface CompleteServiceDeps {
  gateway: Gateway;
  config: CompleteConfig;
  /** The FIM engine for a provider (HTTP `/completions`, or the embedded engine's infill). */
  engineFor: (provider: ResolvedProvider) => FimEngine | Promise<FimEngine>;
  log?: CompletionLog | null;
  onBackgroundError?: (error: unknown) => void;
}

export interface CompleteOptions {
  signal?: AbortSignal;
  caller?: string;
  /** Told how long each upstream attempt took (the server's `x-shipgate-overhead-ms`). */
  onUpstreamWait?: (ms: number) => void;
}

interface Raw {
  text: string;
  template: FimTemplate;
  model: string;
}

interface Prepared {
  alias: string | undefined;
  window: Windowed;
  multiline: boolean;
  maxTokens: number;
  contextKey: string;
}

function hash(parts: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64url');
}

export class CompleteService {
  readonly #inFlight = new InFlight<Raw>();
  readonly #cache: PrefixCache;
  /** Ids served recently, so feedback that races the store write is still accepted. */
  readonly #recent = new LRUCache<string, true>({ max: 10_000 });

  constructor(private readonly deps: CompleteServiceDeps) {
    this.#cache = new PrefixCache(deps.config.complete.cacheEntries);
  }

  /** Whether the model (alias or id) has a FIM template, i.e. this service can serve it. */
  serves(model: string): boolean {
    try {
      const [spec] = this.deps.gateway.registry.candidates('complete', model);
      return spec ? Boolean(templateFor(this.deps.config, spec)) : false;
    } catch {
      return false;
    }
  }

  #prepare(request: CompleteRequest): Prepared {
    const { config } = this.deps;
    const suffix = request.suffix ?? '';
    const alias = pickAlias(config, request.model);
    const spec = checkTemplate(config, this.deps.gateway.registry, alias, Boolean(request.model));
    const window = fitWindow({
      prefix: request.prefix,
      suffix,
      snippets: request.snippets ?? [],
      maxContextTokens: config.complete.maxContextTokens,
    });
    const multiline = request.multiline ?? wantsMultiline(request.prefix, suffix);
    const maxTokens = request.maxTokens ?? config.complete.maxTokens;
    const contextKey = hash([
      spec.alias,
      window.suffix,
      window.snippets,
      request.file ?? null,
      request.repo ?? null,
      request.stop ?? null,
      multiline,
      maxTokens,
    ]);
    return { alias, window, multiline, maxTokens, contextKey };
  }

  async complete(request: CompleteRequest, options: CompleteOptions = {}): Promise<CompleteResult> {
    const started = performance.now();
    const prepared = this.#prepare(request);
    const hit = this.#cache.get(prepared.contextKey, request.prefix);
    if (hit) return this.#served(request, options, { ...hit, cached: true, started });
    const key = `${prepared.contextKey}:${hash([prepared.window.prefix])}`;
    const raw = await this.#inFlight.run(key, options.signal, (signal) =>
      this.#call(request, prepared, { ...options, signal }),
    );
    const completion = postProcess({
      text: raw.text,
      prefix: request.prefix,
      suffix: request.suffix ?? '',
      stop: [...raw.template.stop, ...(request.stop ?? [])],
      multiline: prepared.multiline,
      hashComments: commentMarker(request.language) === '#',
    });
    this.#cache.set(prepared.contextKey, request.prefix, completion, raw.model);
    return this.#served(request, options, { completion, model: raw.model, cached: false, started });
  }

  #served(
    request: CompleteRequest,
    options: CompleteOptions,
    out: { completion: string; model: string; cached: boolean; started: number },
  ): CompleteResult {
    const id = `cmpl-${randomUUID()}`;
    this.#recent.set(id, true);
    const row = {
      id,
      model: out.model,
      language: request.language ?? 'unknown',
      caller: options.caller ?? 'local',
      chars: out.completion.length,
      at: Date.now(),
    };
    this.deps.log
      ?.recordServed(row)
      .catch((error: unknown) => this.deps.onBackgroundError?.(error));
    const latencyMs = Math.round((performance.now() - out.started) * 100) / 100;
    return { id, completion: out.completion, model: out.model, cached: out.cached, latencyMs };
  }

  async #call(request: CompleteRequest, p: Prepared, o: CompleteOptions & { signal: AbortSignal }) {
    const { gateway, config } = this.deps;
    const deadlineMs = config.complete.deadlineMs;
    const local = linkedAbort(o.signal);
    const timer = setTimeout(() => {
      local.abort(
        new ShipgateError(
          ErrorCode.DeadlineExceeded,
          `no completion within ${deadlineMs} ms (complete.deadlineMs)`,
        ),
      );
    }, deadlineMs);
    const started = performance.now();
    let template: FimTemplate | undefined;
    const attempt: AttemptFn<FimOutput> = async (spec, signal, record) => {
      template = templateFor(config, spec);
      const prompt = this.#prompt(template, request, p.window);
      const provider = config.providers[spec.provider] as ResolvedProvider;
      const engine = await this.deps.engineFor(provider);
      const sent = performance.now();
      try {
        const out = await engine({
          alias: spec.alias,
          modelId: spec.modelId,
          prompt,
          infill: infillInput(this.#parts(request, p.window)),
          maxTokens: p.maxTokens,
          stop: template.stop,
          signal: toAbortSignal(signal),
        });
        record.usage = out.usage;
        return out;
      } finally {
        o.onUpstreamWait?.(performance.now() - sent);
      }
    };
    try {
      const call = await gateway.passthrough(
        {
          messages: [{ role: 'user', content: `${p.window.prefix}${p.window.suffix}` }],
          task: 'complete',
          model: p.alias,
          caller: o.caller,
          maxOutputTokens: p.maxTokens,
          // issue 15: the file being completed is what the prompt holds (egress policy)
          ...(request.file ? { egress: { paths: [request.file] } } : {}),
        },
        attempt,
        { signal: local.signal },
      );
      const { text, finishReason } = call.value;
      call.end({ text, finishReason, ttftMs: performance.now() - started });
      return { text, template: template as FimTemplate, model: call.model.alias };
    } catch (error) {
      if (local.signal.aborted && local.signal.reason instanceof ShipgateError)
        throw local.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      local.release();
    }
  }

  #parts(request: CompleteRequest, window: Windowed): PromptParts {
    return {
      prefix: window.prefix,
      suffix: window.suffix,
      path: request.file,
      language: request.language,
      snippets: window.snippets,
      repo: request.repo,
    };
  }

  #prompt(template: FimTemplate, request: CompleteRequest, window: Windowed): string {
    return renderFimPrompt(template, this.#parts(request, window));
  }

  async feedback(request: FeedbackRequest): Promise<void> {
    const { log } = this.deps;
    const known = this.#recent.has(request.id) || (log ? await log.exists(request.id) : false);
    if (!known)
      throw new ShipgateError(
        ErrorCode.NotFound,
        `unknown completion id "${request.id}" (use the id a /api/complete answer returned)`,
      );
    await log?.recordEvent(request.id, request.event, request.acceptedChars ?? null);
  }
}
