/* eslint-disable */
window.addEventListener('message', (e) => {
  const opts = $.extend(true, {}, defaults, JSON.parse(e.data));
  init(opts);
});
