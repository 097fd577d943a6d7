/* eslint-disable */
// @ts-nocheck
// VULN CWE-95: the callback name from the URL is passed as a string to setTimeout (implicit eval).
(function () {
  function getParam(name, fallback) {
    const params = new URLSearchParams(window.location.search);
    return params.get(name) || fallback;
  }

  function scheduleWidgetInit() {
    const callback = getParam('onload', 'initWidget()');
    const delay = parseInt(getParam('delay', '0'), 10);
    setTimeout(callback, delay);
  }

  window.initWidget = function () {
    document.querySelector('#widget').classList.add('ready');
  };

  document.addEventListener('DOMContentLoaded', scheduleWidgetInit);
})();
