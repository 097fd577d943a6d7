/* eslint-disable */
const next = new URLSearchParams(location.search).get('next');
const url = new URL(next, location.origin);
if (url.origin === location.origin) {
  location.assign(url);
}
