import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Read in place (never copied into the repository): ../shared/bench-data/humaneval-x-js-dev. */
export const dataDir = resolve(here, '../../../shared/bench-data/humaneval-x-js-dev');

export interface Problem {
  task_id: string;
  entry_point: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  canonical_passes?: boolean;
}

export interface Candidate {
  task_id: string;
  candidate_id: string;
  kind: string;
  completion: string;
  verdict_throwing_assert: string;
  note: string | null;
}

async function jsonl<T>(file: string): Promise<T[]> {
  const text = await readFile(join(dataDir, file), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

export interface Dataset {
  problems: Problem[];
  candidates: Map<string, Candidate[]>;
}

export async function loadDataset(): Promise<Dataset> {
  const problems = await jsonl<Problem>('problems.jsonl');
  const candidates = new Map<string, Candidate[]>();
  for (const c of await jsonl<Candidate>('candidates.jsonl')) {
    const list = candidates.get(c.task_id) ?? [];
    list.push(c);
    candidates.set(c.task_id, list);
  }
  return { problems, candidates };
}

/** Tasks whose canonical solution fails its own tests upstream (README: 112, 155, 162 when present). */
export function wrongUpstream(dataset: Dataset): string[] {
  return [...dataset.candidates.values()]
    .flat()
    .filter((c) => c.kind === 'canonical' && c.verdict_throwing_assert !== 'pass')
    .map((c) => c.task_id);
}
