/* eslint-disable */
const name = decodeURIComponent(location.hash.substring(1));
document.getElementById('greeting').innerHTML = 'Hello, ' + name;
