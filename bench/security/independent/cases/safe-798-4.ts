/* eslint-disable */
// @ts-nocheck
// SAFE CWE-798 look-alike: the S3 client uses the default credential provider chain; the API-key header name is a constant.
import { S3Client } from '@aws-sdk/client-s3';
import type { NextFunction, Request, Response } from 'express';

export const s3 = new S3Client({ region: process.env.AWS_REGION ?? 'eu-west-1' });

const API_KEY_HEADER = 'x-api-key';

export function requireApiKey(validKeys: Set<string>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.get(API_KEY_HEADER);
    if (!key || !validKeys.has(key)) return res.status(401).json({ error: 'invalid api key' });
    next();
  };
}
