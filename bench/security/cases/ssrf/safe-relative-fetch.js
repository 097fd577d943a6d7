/* eslint-disable */
async function loadProfile() {
  const id = new URLSearchParams(location.search).get('id');
  const r = await fetch('/api/profiles/' + encodeURIComponent(id));
  return r.json();
}
