/* eslint-disable */
// @ts-nocheck
// SAFE CWE-95 look-alike: setTimeout receives a function; the user only controls a clamped numeric delay.
(function () {
  const params = new URLSearchParams(window.location.search);
  const requested = Number.parseInt(params.get('delay') || '0', 10);
  const delay = Number.isFinite(requested) ? Math.min(Math.max(requested, 0), 5000) : 0;

  function initWidget() {
    document.querySelector('#widget').classList.add('ready');
  }

  setTimeout(initWidget, delay);
  setTimeout(() => console.debug('widget init scheduled after', delay, 'ms'), 0);
})();
