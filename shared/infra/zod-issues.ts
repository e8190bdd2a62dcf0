import type { z } from 'zod';

/**
 * Formats zod issues one per field, each named by its path under `prefix`: `train.batchSize: expected number,
 * received string`.
 */
export function describeIssues(error: z.ZodError, prefix?: string, separator = '\n'): string {
  return error.issues
    .map((issue) => {
      const path = [...(prefix === undefined ? [] : [prefix]), ...issue.path.map(String)];
      return `${path.length > 0 ? path.join('.') : '(root)'}: ${issue.message}`;
    })
    .join(separator);
}
