import type { z } from 'zod';
import { ErrorCode, ShipgateError } from '../../errors.js';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Validates a request part at the edge; a 400 naming each problem (first five) otherwise. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `invalid ${what}: ${describeIssues(result.error)}`,
    );
  return result.data;
}
