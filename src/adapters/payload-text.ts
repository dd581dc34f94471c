import type { z } from 'zod';

/** A short, readable account of why a payload failed validation. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'payload';
    return `${where}: ${issue.message}`;
  });
  return `malformed hook payload (${first.join('; ')})`;
}

/** At most 300 characters of a value, for outcomes and warnings. */
export function summarize(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
