/* eslint-disable */
// @ts-nocheck
// SAFE CWE-79 look-alike: the URL parameter is written with textContent.
document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(window.location.search);
  const name = params.get('name') || 'guest';
  const strong = document.createElement('strong');
  strong.textContent = name;
  const greeting = document.getElementById('greeting');
  greeting.textContent = 'Welcome back, ';
  greeting.appendChild(strong);
});
