import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ErrorCode, ShipgateError } from '../../errors.js';

/** Reads all of standard input; injected so commands can be tested in-process. */
export type ReadStdin = () => Promise<Buffer>;

export const readProcessStdin: ReadStdin = async () => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks);
};

function usage(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.BadRequest, message);
}

async function readFileBytes(source: string, cwd: string): Promise<Buffer> {
  const path = resolve(cwd, source);
  const info = await stat(path).catch(() => undefined);
  if (!info)
    throw usage(`cannot read "${source}": no such file (pass a file path, or - for stdin)`);
  if (info.isDirectory()) throw usage(`"${source}" is a directory; pass a file, or - for stdin`);
  try {
    return await readFile(path);
  } catch (cause) {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `cannot read "${source}": check its permissions`,
      {
        cause,
      },
    );
  }
}

/**
 * Reads the text a filter command works on: a file path, or `-` for stdin.
 * Missing files, directories and binary content (NUL bytes) are usage errors (exit 2).
 */
export async function readTextInput(
  source: string,
  cwd: string,
  readStdin: ReadStdin,
): Promise<string> {
  const bytes = source === '-' ? await readStdin() : await readFileBytes(source, cwd);
  const name = source === '-' ? 'stdin' : `"${source}"`;
  if (bytes.includes(0))
    throw usage(`${name} looks binary (it contains NUL bytes); pass a text file`);
  return bytes.toString('utf8');
}
