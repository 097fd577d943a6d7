/* eslint-disable */
window.addEventListener('message', (event) => {
  setTimeout('handle(' + event.data + ')', 0);
});
