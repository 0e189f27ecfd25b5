// How the CLI speaks: data as JSON on stdout with --json (and nothing else there), people's
// text otherwise; errors always on stderr; exit codes that scripts can branch on.
import type { ApiError, Result } from '../../shared/result.ts';

// untrusted (5) is verify's alone: a valid signature by a key that is not in the trust roster.
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, internal: 4, untrusted: 5 } as const;

export class UsageError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export function exitCodeFor(error: ApiError): number {
  switch (error.code) {
    case 'invalid_input':
    case 'unknown_method':
      return EXIT.usage;
    case 'not_found':
      return EXIT.notFound;
    case 'internal':
      return EXIT.internal;
    default:
      return EXIT.failed;
  }
}

/** Unwraps a Result or reports its error; returns null when the command should stop with `code`. */
export function unwrap<T>(r: Result<T>, io: Io, json: boolean): { value: T } | { code: number } {
  if (r.ok) return { value: r.value };
  if (json) io.out(JSON.stringify({ error: r.error }));
  io.err(`credence: ${r.error.message}`);
  return { code: exitCodeFor(r.error) };
}

export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
