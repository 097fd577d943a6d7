import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { SortableTable } from '../components/sortable-table';
import { Guard } from '../components/states';
import { formatTime } from '../format';
import { useApi } from '../use-api';

interface JobView {
  id: string;
  kind: string;
  state: string;
  attempts: number;
  error?: { code: string; message: string };
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  owner?: string;
}

const states = ['', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

function Actions({ job, onDone }: { job: JobView; onDone: (message: string) => void }) {
  const act = async (label: string, method: string, path: string) => {
    try {
      await api(path, { method });
      onDone(`${label}: ${job.id}`);
    } catch (error) {
      onDone(`${label} failed: ${error instanceof ApiError ? error.message : 'request failed'}`);
    }
  };
  const open = job.state === 'queued' || job.state === 'running';
  return (
    <span class="actions">
      {open ? (
        <button
          type="button"
          aria-label={`Cancel job ${job.id}`}
          onClick={() => void act('Cancelled', 'DELETE', `/api/jobs/${job.id}`)}
        >
          Cancel
        </button>
      ) : null}
      {job.state === 'failed' || job.state === 'cancelled' ? (
        <button
          type="button"
          aria-label={`Retry job ${job.id}`}
          onClick={() => void act('Retried', 'POST', `/api/jobs/${job.id}/retry`)}
        >
          Retry
        </button>
      ) : null}
    </span>
  );
}

/** Async jobs (generate, review, validate): state and attempts; admins retry and cancel. */
export function JobsPage({ role }: { role: string }) {
  const [state, setState] = useState<(typeof states)[number]>('');
  const [message, setMessage] = useState<string | null>(null);
  const loaded = useApi<{ jobs: JobView[] }>(
    `/api/jobs?limit=200${state ? `&state=${state}` : ''}`,
  );
  const admin = role === 'admin';
  const done = (text: string) => {
    setMessage(text);
    loaded.reload();
  };
  return (
    <section aria-labelledby="jobs-title">
      <h2 id="jobs-title">Jobs</h2>
      <div class="toolbar">
        <label for="job-state">State</label>
        <select
          id="job-state"
          value={state}
          onChange={(e) => setState((e.target as HTMLSelectElement).value as typeof state)}
        >
          {states.map((s) => (
            <option key={s} value={s}>
              {s || 'any'}
            </option>
          ))}
        </select>
        <button type="button" onClick={loaded.reload}>
          Refresh
        </button>
        {message ? (
          <span role="status" data-testid="job-message">
            {message}
          </span>
        ) : null}
      </div>
      <Guard loaded={loaded} what="jobs">
        {({ jobs }) => (
          <SortableTable
            caption="Latest jobs"
            rows={jobs}
            rowKey={(j) => j.id}
            empty="No jobs."
            columns={[
              { key: 'id', label: 'Job', value: (j) => j.id, render: (j) => <code>{j.id}</code> },
              { key: 'kind', label: 'Kind', value: (j) => j.kind },
              {
                key: 'state',
                label: 'State',
                value: (j) => j.state,
                render: (j) => <span class={`badge badge-${j.state}`}>{j.state}</span>,
              },
              { key: 'attempts', label: 'Attempts', numeric: true, value: (j) => j.attempts },
              { key: 'owner', label: 'Owner', value: (j) => j.owner ?? null },
              {
                key: 'created',
                label: 'Created (UTC)',
                value: (j) => j.createdAt,
                render: (j) => formatTime(j.createdAt),
              },
              {
                key: 'finished',
                label: 'Finished (UTC)',
                value: (j) => j.finishedAt ?? null,
                render: (j) => (j.finishedAt ? formatTime(j.finishedAt) : '—'),
              },
              { key: 'error', label: 'Error', value: (j) => j.error?.message ?? null },
              ...(admin
                ? [
                    {
                      key: 'actions',
                      label: 'Actions',
                      value: () => null,
                      render: (j: JobView) => <Actions job={j} onDone={done} />,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Guard>
    </section>
  );
}
