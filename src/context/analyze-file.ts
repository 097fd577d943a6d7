import type { Node } from 'web-tree-sitter';
import { chunkFile } from './chunk-file.js';
import { extractPython } from './extract-python.js';
import { extractTypeScript, type ModuleFacts } from './extract-typescript.js';
import { stringValue } from './syntax-text.js';
import type { TreeSitterParsers } from './tree-sitter-parsers.js';
import type { CallRef, FileFacts, ImportRef, LanguageId } from './types.js';

/** Calls and `new X` by name; `require('x')` is an import, not a call. */
const scriptCalls = `
(call_expression function: (identifier) @name)
(call_expression function: (member_expression property: (property_identifier) @name))
(new_expression constructor: (identifier) @name)
((call_expression function: (identifier) @req arguments: (arguments (string) @arg))
  (#eq? @req "require"))
`;

const pythonCalls = `
(call function: (identifier) @name)
(call function: (attribute attribute: (identifier) @name))
`;

async function collectCalls(
  parsers: TreeSitterParsers,
  language: LanguageId,
  root: Node,
): Promise<{ calls: CallRef[]; requires: ImportRef[] }> {
  const query = await parsers.query(language, language === 'python' ? pythonCalls : scriptCalls);
  const calls: CallRef[] = [];
  const requires: ImportRef[] = [];
  for (const match of query.matches(root)) {
    const arg = match.captures.find((c) => c.name === 'arg')?.node;
    if (arg) {
      const specifier = stringValue(arg) ?? '';
      const line = arg.startPosition.row + 1;
      requires.push({
        specifier,
        names: ['*'],
        line,
        text: `require(${arg.text})`,
        reexport: false,
      });
      continue;
    }
    const name = match.captures.find((c) => c.name === 'name')?.node;
    if (name && name.text !== 'require')
      calls.push({ name: name.text, line: name.startPosition.row + 1 });
  }
  return { calls, requires };
}

/** Parses one file with tree-sitter and returns what the index keeps about it. */
export async function analyzeFile(
  parsers: TreeSitterParsers,
  path: string,
  hash: string,
  text: string,
  language: LanguageId | 'text',
): Promise<FileFacts> {
  if (language === 'text') {
    return {
      path,
      hash,
      language,
      symbols: [],
      imports: [],
      calls: [],
      chunks: chunkFile(text, []),
    };
  }
  const tree = await parsers.parse(language, text);
  try {
    const facts: ModuleFacts =
      language === 'python'
        ? extractPython(text, tree.rootNode)
        : extractTypeScript(text, tree.rootNode);
    const { calls, requires } = await collectCalls(parsers, language, tree.rootNode);
    return {
      path,
      hash,
      language,
      symbols: facts.symbols,
      imports: [...facts.imports, ...requires],
      calls,
      chunks: chunkFile(text, facts.symbols),
    };
  } finally {
    tree.delete();
  }
}
