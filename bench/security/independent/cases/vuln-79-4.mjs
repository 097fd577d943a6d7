/* eslint-disable */
// @ts-nocheck
// VULN CWE-79: document.write of the decoded URL fragment (tracking pixel snippet).
const campaign = decodeURIComponent(window.location.hash.slice(1));

function writeTrackingPixel(id) {
  document.write('<img src="https://stats.example.com/p.gif?c=' + id + '" width="1" height="1">');
}

if (campaign) {
  writeTrackingPixel(campaign);
}
