/* eslint-disable */
// @ts-nocheck
// VULN CWE-601: client-side redirect to the `redirect` query parameter (also allows javascript: URLs).
(function () {
  const params = new URLSearchParams(window.location.search);
  const target = params.get('redirect');

  function finishLogin() {
    if (target) {
      window.location.href = target;
    } else {
      window.location.assign('/home');
    }
  }

  document.querySelector('#login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = new FormData(e.target);
    const res = await fetch('/api/login', { method: 'POST', body });
    if (res.ok) finishLogin();
  });
})();
