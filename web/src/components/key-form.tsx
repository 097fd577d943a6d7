import { useState } from 'preact/hooks';

/** Asks for an API key (kept in sessionStorage only). */
export function KeyForm({ onKey, problem }: { onKey: (key: string) => void; problem?: string }) {
  const [value, setValue] = useState('');
  return (
    <main class="login">
      <h1>shipgate</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onKey(value.trim());
        }}
      >
        <label for="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autocomplete="off"
          placeholder="sg-…"
          value={value}
          onInput={(event) => setValue((event.target as HTMLInputElement).value)}
        />
        <button type="submit">Sign in</button>
        {problem ? (
          <p class="error" role="alert">
            {problem}
          </p>
        ) : null}
        <p class="note">
          Create one with <code>shipgate keys create --name NAME --role viewer</code>. It is kept in
          this tab only.
        </p>
      </form>
    </main>
  );
}
