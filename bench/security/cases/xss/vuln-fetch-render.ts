/* eslint-disable */
// @ts-nocheck
export async function loadNews(el: HTMLElement) {
  const res = await fetch('/api/news');
  const items = await res.json();
  el.innerHTML = items.map((i) => `<li>${i.title}</li>`).join('');
}
