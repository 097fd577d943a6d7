/**
 * Records a finished generate run for analytics (issue 15) from every place that
 * runs one: `/api/generate`, async generate jobs and `shipgate generate`. The write
 * never fails the generation it follows; a failure goes to `onError`.
 */
import type { Kysely } from 'kysely';
import type { GenerateResult } from '../generate/types.js';
import type { Database } from '../store/schema.js';
import { createAnalyticsRepo, type GenerateRunMeta } from './analytics-repo.js';

export type GenerateRecorder = (result: GenerateResult, meta: GenerateRunMeta) => Promise<void>;

export function generateRecorder(
  db: Kysely<Database>,
  onError: (error: unknown) => void,
): GenerateRecorder {
  const repo = createAnalyticsRepo(db);
  return (result, meta) => repo.recordGenerate(result, meta).catch(onError);
}
