import type { ComponentChildren } from 'preact';
import { ApiError, isUnavailable } from '../api';
import type { Loaded } from '../use-api';

/** Renders loading, error and "not on this server" states; the children once data is there. */
export function Guard<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (data: T) => ComponentChildren;
}) {
  if (loaded.error) {
    if (isUnavailable(loaded.error)) {
      return <p class="note">This server does not provide {what}.</p>;
    }
    const message = loaded.error instanceof ApiError ? loaded.error.message : 'the request failed';
    return (
      <p class="error" role="alert">
        Could not load {what}: {message}
      </p>
    );
  }
  if (loaded.data === null) return <p aria-busy="true">Loading {what}…</p>;
  return <>{children(loaded.data)}</>;
}

export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div class="stat">
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
    </div>
  );
}
