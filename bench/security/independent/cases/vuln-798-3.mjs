/* eslint-disable */
// @ts-nocheck
// VULN CWE-798: AWS access key pair embedded in the S3 client constructor.
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: 'AKIA4QX7R2ZL9M3KTB6W',
    secretAccessKey: 'q8Zr3Lx0Vb7Nw2Kp5Tj9Hs4Dm1Fc6Ya8Ue3Gi0Ro',
  },
});

export async function uploadReport(name, body) {
  await s3.send(new PutObjectCommand({ Bucket: 'acme-reports', Key: `daily/${name}`, Body: body }));
}
