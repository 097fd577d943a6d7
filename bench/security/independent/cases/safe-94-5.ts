/* eslint-disable */
// @ts-nocheck
// SAFE CWE-94 look-alike: dynamic import of an exporter only after checking the name against an allow-list.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const EXPORTERS = new Set(['csv', 'json', 'xlsx']);

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const format = event.queryStringParameters?.format ?? 'json';
  if (!EXPORTERS.has(format)) {
    return { statusCode: 400, body: JSON.stringify({ error: `unsupported format ${format}` }) };
  }
  const exporter = await import(`./exporters/${format}.js`);
  const rows = JSON.parse(event.body ?? '[]');
  return {
    statusCode: 200,
    headers: { 'Content-Type': exporter.contentType },
    body: await exporter.serialize(rows),
  };
};
