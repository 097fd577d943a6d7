/* eslint-disable */
// @ts-nocheck
// SAFE CWE-79 look-alike: links are created with createElement; href is accepted only for http(s) URLs.
function renderLinks(container, links) {
  container.replaceChildren();
  for (const link of links) {
    let url;
    try {
      url = new URL(link.href, window.location.origin);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
    const a = document.createElement('a');
    a.href = url.toString();
    a.textContent = link.label;
    a.rel = 'noopener noreferrer';
    container.appendChild(a);
  }
}

fetch('/api/bookmarks')
  .then((r) => r.json())
  .then((links) => renderLinks(document.getElementById('bookmarks'), links));
