/* eslint-disable */
// @ts-nocheck
// VULN CWE-22: zip-slip, archive entry paths are joined to the destination without a containment check.
import fs from 'node:fs';
import path from 'node:path';
import unzipper from 'unzipper';

export async function extractUpload(zipPath, destDir) {
  const directory = await unzipper.Open.file(zipPath);
  for (const entry of directory.files) {
    const outPath = path.join(destDir, entry.path);
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
