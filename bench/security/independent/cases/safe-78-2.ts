/* eslint-disable */
// @ts-nocheck
// SAFE CWE-78 look-alike: ImageMagick is spawned without a shell and the upload is stored under a generated name.
import { Injectable } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';

@Injectable()
export class ThumbnailService {
  private readonly uploadDir = '/var/app/uploads';

  async createThumbnail(storedFileName: string): Promise<string> {
    const source = path.join(this.uploadDir, path.basename(storedFileName));
    const target = path.join(this.uploadDir, 'thumbs', `${randomUUID()}.png`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn('convert', [source, '-resize', '200x200', target]);
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
    });
    return target;
  }
}
