// The renderer never names a file: main's dialogs hand it an opaque handle instead, and the
// handle is turned back into the chosen path here, once. A compromised page can therefore only
// use files the person chose in Credence's own dialog, for the purpose they chose them, soon.
import crypto from 'node:crypto';
import path from 'node:path';
import type { FilePurpose } from '../../shared/contract.ts';
import { ServiceError } from '../../shared/result.ts';

/** How long a choice stays usable: long enough to read a confirmation, short enough to be a choice. */
export const HANDLE_LIFETIME_MS = 10 * 60_000;
// A page that somehow opened dialogs in a loop still cannot grow this without bound.
const MAX_OPEN = 1_000;

const WHAT: Record<FilePurpose, string> = {
  pdf: 'to import as a policy PDF',
  'checklist-pack': 'as a checklist pack',
  'rubric-pack': 'as a rubric pack',
  'roster-key': 'as a public key for the trust roster',
  'bundle-open': 'as a case bundle to import',
  'bundle-save': 'as the place to write a case bundle',
  'packet-open': 'as a review packet to verify',
};

export function createFileHandles(now: () => number = Date.now) {
  const open = new Map<string, { file: string; purpose: FilePurpose; expires: number }>();
  return {
    /** A fresh handle for a path a dialog answered, with the name (not the folder) to show. */
    issue(file: string, purpose: FilePurpose): { handle: string; name: string } {
      const t = now();
      for (const [h, e] of open) if (e.expires <= t) open.delete(h);
      if (open.size >= MAX_OPEN) open.delete(open.keys().next().value!);
      const handle = crypto.randomBytes(16).toString('base64url');
      open.set(handle, { file, purpose, expires: t + HANDLE_LIFETIME_MS });
      return { handle, name: path.basename(file) };
    },
    /** The path behind a handle, for this purpose only; the handle is spent either way. */
    take(handle: string, purpose: FilePurpose): string {
      const e = open.get(handle);
      open.delete(handle);
      if (!e || e.expires <= now()) throw new ServiceError('invalid_input', 'That file choice has expired or was already used. Choose the file again.', { handle: 'Expired or already used.' });
      if (e.purpose !== purpose) {
        throw new ServiceError('forbidden', `That file was chosen ${WHAT[e.purpose]}, not ${WHAT[purpose]}. Choose the file again for this.`, { handle: 'Chosen for another purpose.' });
      }
      return e.file;
    },
  };
}
export type FileHandles = ReturnType<typeof createFileHandles>;
