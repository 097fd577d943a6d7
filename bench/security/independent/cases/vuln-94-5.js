/* eslint-disable */
// @ts-nocheck
// VULN CWE-94: Lambda loads a module whose path is built from a query parameter (dynamic require).
const path = require('path');

exports.handler = async (event) => {
  const format = (event.queryStringParameters && event.queryStringParameters.format) || 'json';
  const exporter = require(path.join(__dirname, 'exporters', format));
  const rows = JSON.parse(event.body || '[]');
  const output = await exporter.serialize(rows);
  return {
    statusCode: 200,
    headers: { 'Content-Type': exporter.contentType },
    body: output,
  };
};
