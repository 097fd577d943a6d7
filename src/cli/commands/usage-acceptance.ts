/** `shipgate usage`: completion acceptance rates per model and language (issue 13). */
import type { AcceptanceRow } from '../../complete/completion-log.js';
import type { Store } from '../../store/store.js';
import { renderTable } from '../table.js';

export async function completionAcceptance(store: Store, since: number): Promise<AcceptanceRow[]> {
  const { createCompletionLog } = await import('../../complete/completion-log.js');
  return createCompletionLog(store).acceptance(since);
}

export function acceptanceText(rows: AcceptanceRow[]): string {
  if (rows.length === 0) return '';
  const table = rows.map((r) => [
    r.model,
    r.language,
    r.served,
    r.shown,
    r.accepted,
    r.dismissed,
    r.acceptanceRate === null ? '-' : `${(r.acceptanceRate * 100).toFixed(1)}%`,
    r.acceptedChars,
  ]);
  return `\ncompletions\n${renderTable(
    ['model', 'language', 'served', 'shown', 'accepted', 'dismissed', 'accept rate', 'chars'],
    table,
  )}`;
}
