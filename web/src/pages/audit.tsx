import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { SortableTable } from '../components/sortable-table';
import { Guard } from '../components/states';
import { formatTime } from '../format';
import type { RangeId } from '../ranges';
import { useApi } from '../use-api';

interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  route: string | null;
  model: string | null;
  hash: string;
}

interface Verify {
  ok: boolean;
  checked: number;
  firstBadSeq?: number;
  reason?: string;
}

function VerifyButton() {
  const [result, setResult] = useState<string | null>(null);
  const run = async () => {
    setResult('Verifying…');
    try {
      const v = await api<Verify>('/api/audit/verify');
      setResult(
        v.ok
          ? `Chain intact: ${v.checked} entries verified.`
          : `Chain broken at entry ${v.firstBadSeq ?? '?'}: ${v.reason ?? 'unknown reason'}.`,
      );
    } catch (error) {
      setResult(
        `Could not verify: ${error instanceof ApiError ? error.message : 'request failed'}`,
      );
    }
  };
  return (
    <div class="toolbar">
      <button type="button" onClick={() => void run()}>
        Verify hash chain
      </button>
      {result ? (
        <span role="status" data-testid="verify-result">
          {result}
        </span>
      ) : null}
    </div>
  );
}

/** The audit log, newest first, with verification of its hash chain. */
export function AuditPage({ range }: { range: RangeId }) {
  const loaded = useApi<{ entries: AuditEntry[] }>(`/api/audit?since=${range}&limit=500`);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <VerifyButton />
      <Guard loaded={loaded} what="the audit log">
        {({ entries }) => (
          <SortableTable
            caption="Latest audit entries"
            rows={entries}
            rowKey={(e) => String(e.seq)}
            columns={[
              { key: 'seq', label: '#', numeric: true, value: (e) => e.seq },
              {
                key: 'at',
                label: 'When (UTC)',
                value: (e) => e.at,
                render: (e) => formatTime(e.at),
              },
              { key: 'actor', label: 'Actor', value: (e) => e.actor },
              { key: 'action', label: 'Action', value: (e) => e.action },
              { key: 'route', label: 'Route', value: (e) => e.route },
              { key: 'model', label: 'Model', value: (e) => e.model },
              {
                key: 'hash',
                label: 'Hash',
                value: (e) => e.hash,
                render: (e) => <code title={e.hash}>{e.hash.slice(0, 12)}</code>,
              },
            ]}
          />
        )}
      </Guard>
    </section>
  );
}
