/* eslint-disable */
// @ts-nocheck
export function afterLogin() {
  const target = decodeURIComponent(window.location.hash.slice(1));
  window.location.assign(target);
}
