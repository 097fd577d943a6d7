/* eslint-disable */
// @ts-nocheck
export function reset(el: HTMLElement) {
  el.innerHTML = '';
  el.innerHTML = '<p class="empty">No results</p>';
}
