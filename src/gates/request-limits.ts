import { ErrorCode, ShipgateError } from '../errors.js';
import type { SourceFile } from './types.js';

/** Per-request caps for validation input that arrives over the network. */
export interface ValidateLimits {
  maxFiles: number;
  /** Total UTF-8 bytes of all file contents. */
  maxBytes: number;
}

export const defaultValidateLimits: ValidateLimits = { maxFiles: 100, maxBytes: 2 * 1024 * 1024 };

/** 413 naming the cap that was exceeded and by how much. */
export function assertWithinLimits(
  files: readonly Pick<SourceFile, 'content'>[],
  limits: ValidateLimits = defaultValidateLimits,
): void {
  if (files.length > limits.maxFiles)
    throw new ShipgateError(
      ErrorCode.PayloadTooLarge,
      `${files.length} files in one validate request; at most ${limits.maxFiles} are accepted (split the request)`,
      { details: { files: files.length, maxFiles: limits.maxFiles } },
    );
  let bytes = 0;
  for (const file of files) bytes += Buffer.byteLength(file.content, 'utf8');
  if (bytes > limits.maxBytes)
    throw new ShipgateError(
      ErrorCode.PayloadTooLarge,
      `${bytes} bytes of file content in one validate request; at most ${limits.maxBytes} are accepted (split the request)`,
      { details: { bytes, maxBytes: limits.maxBytes } },
    );
}
