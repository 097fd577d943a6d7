/* eslint-disable */
window.addEventListener('message', function (e) {
  const box = document.querySelector('#messages');
  box.insertAdjacentHTML('beforeend', '<p>' + e.data.text + '</p>');
});
