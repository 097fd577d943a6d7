import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Instruction files read from the project root, in the order they are included. */
export const instructionFiles = [
  '.shipgate/instructions.md',
  'AGENTS.md',
  '.github/copilot-instructions.md',
  'CONVENTIONS.md',
] as const;

export interface InstructionFile {
  /** Path relative to the project root. */
  path: string;
  text: string;
}

/** The instruction files present at `root` (missing, empty or unreadable ones are left out). */
export async function loadInstructions(root: string): Promise<InstructionFile[]> {
  const found = await Promise.all(
    instructionFiles.map(async (path): Promise<InstructionFile | undefined> => {
      const text = await readFile(join(root, path), 'utf8').catch(() => undefined);
      return text && text.trim() !== '' ? { path, text: text.replace(/\r\n/g, '\n') } : undefined;
    }),
  );
  return found.filter((f): f is InstructionFile => f !== undefined);
}
