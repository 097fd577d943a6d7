/* eslint-disable */
const params = new URLSearchParams(window.location.search);
document.write('<a href="' + params.get('return') + '">Back</a>');
