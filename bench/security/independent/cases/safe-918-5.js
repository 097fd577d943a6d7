/* eslint-disable */
// @ts-nocheck
// SAFE CWE-918 look-alike: browser code calls its own relative API with an encoded query parameter.
const input = document.querySelector('#search');
const results = document.querySelector('#results');

let timer;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    const q = input.value.trim();
    if (!q) return results.replaceChildren();
    const res = await fetch('/api/search?q=' + encodeURIComponent(q));
    const items = await res.json();
    results.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement('li');
        li.textContent = item.title;
        return li;
      }),
    );
  }, 250);
});
