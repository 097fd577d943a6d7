/* eslint-disable */
document.getElementById('logout').addEventListener('click', () => {
  window.location.href = '/login';
});
