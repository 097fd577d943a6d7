/* eslint-disable */
// @ts-nocheck
// VULN CWE-22: Lambda writes an uploaded document to /tmp using the client-supplied file name.
const fs = require('fs/promises');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

exports.handler = async (event) => {
  const { fileName, contentBase64 } = JSON.parse(event.body);
  const localPath = `/tmp/${fileName}`;
  await fs.writeFile(localPath, Buffer.from(contentBase64, 'base64'));

  const body = await fs.readFile(localPath);
  await s3.send(
    new PutObjectCommand({ Bucket: process.env.BUCKET, Key: `uploads/${Date.now()}`, Body: body }),
  );
  return { statusCode: 201, body: JSON.stringify({ stored: localPath }) };
};
