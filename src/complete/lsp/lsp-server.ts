/**
 * `shipgate lsp`: an LSP server offering `textDocument/inlineCompletion` (LSP
 * 3.18). Requests wait out a debounce; `$/cancelRequest` (the editor's "the user
 * typed on") aborts the upstream call; the workspace commands shipgate.shown /
 * shipgate.accepted / shipgate.dismissed feed POST /api/feedback. Other open
 * documents, most recently edited first, are sent as context snippets.
 */
import type {
  CancellationToken,
  Connection,
  InlineCompletionItem,
  InlineCompletionParams,
} from 'vscode-languageserver';
import { TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { feedbackEvents, type FeedbackEvent } from '../completion-log.js';
import type { Snippet } from '../context-window.js';
import type { CompletionClient } from './completion-client.js';

export const feedbackCommands: Readonly<Record<FeedbackEvent, string>> = {
  shown: 'shipgate.shown',
  accepted: 'shipgate.accepted',
  dismissed: 'shipgate.dismissed',
};

export interface LspOptions {
  connection: Connection;
  client: CompletionClient;
  debounceMs: number;
  model?: string;
  /** Reported errors (never on stdout: that is the protocol channel). */
  log?: (message: string) => void;
}

function wait(ms: number, token: CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    if (token.isCancellationRequested) return resolve(false);
    const timer = setTimeout(() => (sub.dispose(), resolve(true)), ms);
    const sub = token.onCancellationRequested(() => (clearTimeout(timer), resolve(false)));
  });
}

function relativePath(uri: string, roots: string[]): string {
  const root = roots.find((r) => uri.startsWith(`${r}/`));
  const path = root ? uri.slice(root.length + 1) : uri.replace(/^file:\/\//, '');
  return decodeURIComponent(path);
}

export function startLspServer(options: LspOptions): void {
  const { connection, client } = options;
  const documents = new TextDocuments(TextDocument);
  const edited: string[] = [];
  let roots: string[] = [];

  connection.onInitialize((params) => {
    roots = (params.workspaceFolders ?? []).map((f) => f.uri.replace(/\/+$/, ''));
    if (roots.length === 0 && params.rootUri) roots = [params.rootUri.replace(/\/+$/, '')];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        inlineCompletionProvider: true,
        executeCommandProvider: { commands: Object.values(feedbackCommands) },
      },
      serverInfo: { name: 'shipgate' },
    };
  });
  documents.onDidChangeContent(({ document }) => {
    const at = edited.indexOf(document.uri);
    if (at !== -1) edited.splice(at, 1);
    edited.unshift(document.uri);
    edited.length = Math.min(edited.length, 16);
  });

  const snippetsFor = (uri: string): Snippet[] =>
    edited
      .filter((u) => u !== uri)
      .slice(0, 3)
      .flatMap((u) => {
        const doc = documents.get(u);
        return doc
          ? [{ path: relativePath(u, roots), content: doc.getText().slice(0, 4_000) }]
          : [];
      });

  connection.languages.inlineCompletion.on(
    async (params: InlineCompletionParams, token: CancellationToken) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !(await wait(options.debounceMs, token))) return null;
      const offset = doc.offsetAt(params.position);
      const text = doc.getText();
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        const result = await client.complete(
          {
            prefix: text.slice(0, offset),
            suffix: text.slice(offset),
            language: doc.languageId,
            file: relativePath(doc.uri, roots),
            model: options.model,
            snippets: snippetsFor(doc.uri),
          },
          controller.signal,
        );
        if (result.completion === '' || token.isCancellationRequested) return { items: [] };
        const item: InlineCompletionItem = {
          insertText: result.completion,
          range: { start: params.position, end: params.position },
          command: {
            title: 'shipgate: accepted',
            command: feedbackCommands.accepted,
            arguments: [result.id, result.completion.length],
          },
        };
        return { items: [item] };
      } catch (error) {
        if (!controller.signal.aborted) options.log?.(`completion failed: ${String(error)}`);
        return null;
      } finally {
        sub.dispose();
      }
    },
  );

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    const event = feedbackEvents.find((e) => feedbackCommands[e] === command);
    const [id, chars] = args ?? [];
    if (!event || typeof id !== 'string') return null;
    const acceptedChars = typeof chars === 'number' ? chars : undefined;
    await client.feedback({ id, event, acceptedChars }).catch((error: unknown) => {
      options.log?.(`feedback failed: ${String(error)}`);
    });
    return null;
  });

  documents.listen(connection);
  connection.listen();
}
