/* eslint-disable */
const params = location.hash.slice(1);
const config = eval('(' + decodeURIComponent(params) + ')');
render(config);
