/* eslint-disable */
// @ts-nocheck
// VULN CWE-22: NestJS delete endpoint unlinks a file named by the URL parameter (%2F-encoded ../ works).
import { Controller, Delete, Param } from '@nestjs/common';
import { promises as fs } from 'fs';
import { join } from 'path';

@Controller('attachments')
export class AttachmentsController {
  private readonly uploadDir = join(process.cwd(), 'uploads');

  @Delete(':filename')
  async remove(@Param('filename') filename: string) {
    const target = join(this.uploadDir, filename);
    await fs.unlink(target);
    return { deleted: filename };
  }
}
