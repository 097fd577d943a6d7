/* eslint-disable */
// @ts-nocheck
// VULN CWE-918: link-preview Lambda requests the submitted URL from inside the VPC.
import https from 'node:https';
import http from 'node:http';

function download(url) {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    client
      .get(url, (res) => {
        let html = '';
        res.on('data', (chunk) => (html += chunk));
        res.on('end', () => resolve(html));
      })
      .on('error', reject);
  });
}

export const handler = async (event) => {
  const { link } = JSON.parse(event.body);
  const html = await download(link);
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? link;
  return { statusCode: 200, body: JSON.stringify({ link, title }) };
};
