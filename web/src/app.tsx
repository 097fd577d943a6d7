import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { KeyForm } from './components/key-form';
import { pages } from './pages';
import { ranges, type RangeId } from './ranges';
import { forgetKey, storeKey, storedKey } from './session';
import { applyTheme, initialTheme, type Theme } from './theme';

export interface Me {
  name: string;
  role: string;
  permissions: string[];
  keyRequired: boolean;
}

function pageFromHash(): string {
  return location.hash.replace(/^#\/?/, '') || 'overview';
}

function useHashPage(): string {
  const [page, setPage] = useState(pageFromHash());
  useEffect(() => {
    const onChange = () => setPage(pageFromHash());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return page;
}

/** Who am I? undefined while asking; null (with a problem) when a key is needed. */
function useMe(): [Me | null | undefined, string | undefined, (key: string | null) => void] {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    api<Me>('/api/me').then(
      (answer) => setMe(answer),
      (error: unknown) => {
        if (storedKey()) forgetKey();
        setProblem(
          error instanceof ApiError && error.status !== 401
            ? error.message
            : attempt
              ? 'That key was not accepted.'
              : undefined,
        );
        setMe(null);
      },
    );
  }, [attempt]);
  const signIn = (key: string | null) => {
    if (key) storeKey(key);
    else forgetKey();
    setMe(undefined);
    setAttempt((n) => n + 1);
  };
  return [me, problem, signIn];
}

export function App() {
  const [me, problem, signIn] = useMe();
  const [theme, setTheme] = useState<Theme>(initialTheme());
  const [range, setRange] = useState<RangeId>('24h');
  const pageId = useHashPage();
  useEffect(() => applyTheme(theme), [theme]);
  if (me === undefined) return <p aria-busy="true">Loading…</p>;
  if (me === null) return <KeyForm onKey={signIn} problem={problem} />;
  const visible = pages.filter((p) => me.permissions.includes(p.permission));
  const page = visible.find((p) => p.id === pageId) ?? visible[0];
  const Page = page?.component;
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href="#/overview">
          shipgate
        </a>
        <nav aria-label="Dashboard pages">
          <ul>
            {visible.map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={p === page ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="controls">
          <label for="range">Range</label>
          <select
            id="range"
            value={range}
            onChange={(e) => setRange((e.target as HTMLSelectElement).value as RangeId)}
          >
            {ranges.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
            aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          >
            {theme === 'dark' ? 'Light' : 'Dark'}
          </button>
          <span class="who" data-testid="who">
            {me.name} · {me.role}
          </span>
          {me.keyRequired ? (
            <button type="button" onClick={() => signIn(null)}>
              Sign out
            </button>
          ) : null}
        </div>
      </header>
      <main>
        {Page ? <Page range={range} role={me.role} /> : <p>This key may not see any page.</p>}
      </main>
    </div>
  );
}
