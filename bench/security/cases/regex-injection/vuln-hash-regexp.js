/* eslint-disable */
const term = location.hash.slice(1);
const matcher = new RegExp('(' + term + ')', 'gi');
content.innerText = text.replace(matcher, '[$1]');
