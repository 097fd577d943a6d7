/* eslint-disable */
// @ts-nocheck
// SAFE CWE-22 look-alike: archive extraction verifies each resolved entry path stays inside destDir.
import fs from 'node:fs';
import path from 'node:path';
import unzipper from 'unzipper';

export async function extractUpload(zipPath, destDir) {
  const root = path.resolve(destDir);
  const directory = await unzipper.Open.file(zipPath);
  for (const entry of directory.files) {
    const outPath = path.resolve(root, entry.path);
    const rel = path.relative(root, outPath);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new Error(`refusing to extract ${entry.path}`);
    }
    if (entry.type === 'Directory') {
      await fs.promises.mkdir(outPath, { recursive: true });
      continue;
    }
    await fs.promises.mkdir(path.dirname(outPath), { recursive: true });
    await new Promise((resolve, reject) => {
      entry.stream().pipe(fs.createWriteStream(outPath)).on('finish', resolve).on('error', reject);
    });
  }
}
