/* eslint-disable */
// @ts-nocheck
// VULN CWE-79: DOM XSS, the `name` URL parameter is written into innerHTML.
document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(window.location.search);
  const name = params.get('name') || 'guest';
  const greeting = document.getElementById('greeting');
  greeting.innerHTML = 'Welcome back, <strong>' + name + '</strong>!';
});
