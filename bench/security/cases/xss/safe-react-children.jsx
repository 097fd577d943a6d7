/* eslint-disable */
export function Greeting({ name }) {
  const q = new URLSearchParams(window.location.search).get('q');
  return (
    <h1>
      Hello {name}, you searched {q}
    </h1>
  );
}
