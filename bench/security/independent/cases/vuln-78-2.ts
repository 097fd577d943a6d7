/* eslint-disable */
// @ts-nocheck
// VULN CWE-78: thumbnail service passes the uploaded file's original name to execSync.
import { Controller, Injectable, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { execSync } from 'child_process';
import * as path from 'path';

@Injectable()
export class ThumbnailService {
  private readonly uploadDir = '/var/app/uploads';

  createThumbnail(originalName: string): string {
    const source = path.join(this.uploadDir, originalName);
    const target = path.join(this.uploadDir, 'thumbs', `${Date.now()}.png`);
    execSync(`convert "${source}" -resize 200x200 ${target}`);
    return target;
  }
}

@Controller('images')
export class ImagesController {
  constructor(private readonly thumbnails: ThumbnailService) {}

  @Post('upload')
  @UseInterceptors(FileInterceptor('file', { dest: '/var/app/uploads' }))
  upload(@UploadedFile() file: Express.Multer.File) {
    const thumb = this.thumbnails.createThumbnail(file.originalname);
    return { thumb };
  }
}
