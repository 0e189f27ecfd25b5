// How the CLI speaks: data as JSON on stdout with --json (and nothing else there), people's
// text otherwise; errors always on stderr; exit codes that scripts can branch on.
import type { ApiError, Result } from '../../shared/result.ts';

// untrusted (5) is verify's alone: a valid signature by a key that is not in the trust roster.
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, internal: 4, untrusted: 5 } as const;

export class UsageError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** What --password-stdin reads (process.stdin unless a caller, a test, gives another). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

// Control characters in stored data (an agency name with ESC[31m from an old workspace, a
// document title from PDF metadata) must never reach the terminal as controls: ESC and the
// 8-bit CSI (U+009B) start sequences that recolour, move the cursor or retitle the window.
// Line feeds and tabs are the CLI's own layout and stay. JSON.stringify already escapes C0,
// but not DEL or C1, so the same escape applies to --json output and keeps it valid JSON.
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Shows every control character as a visible \uXXXX escape, keeping line feeds and tabs. */
export const escapeControls = (s: string): string => s.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The same streams, with every line escaped before it is written. */
export const terminalSafe = (io: Io): Io => ({ ...io, out: (s) => io.out(escapeControls(s)), err: (s) => io.err(escapeControls(s)) });

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
