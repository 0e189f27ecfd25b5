// What a person reads when the disk under the workspace fails them. SQLite and the file system
// say "database or disk is full" or "EROFS"; the reviewer needs to know what to do.
import { ServiceError } from '../../shared/result.ts';

export const DISK_FULL_MESSAGE =
  'The disk holding the workspace is full, so nothing was saved. Free some space (or move the workspace to a larger disk with --data-dir or CREDENCE_DATA_DIR) and try again.';
export const READ_ONLY_MESSAGE =
  'The workspace folder is read-only (a read-only disk, or no permission to write), so nothing can be changed: it is open for reading only. To make changes, copy the folder somewhere you can write, or ask for write permission, and open it from there.';

export const BUSY_MESSAGE =
  'The workspace is busy: another Credence process (the app or a command-line call) has been writing to it for over 30 seconds. Nothing was saved; try again when it has finished.';

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const READ_ONLY = /^SQLITE_READONLY/;
const FS_READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

/** The plain-language ServiceError for a full or read-only disk, or a workspace held too long by another writer; null for any other error. */
export function storageError(err: unknown): ServiceError | null {
  if (err instanceof ServiceError || !(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (FULL.has(code)) return new ServiceError('storage', DISK_FULL_MESSAGE);
  if (READ_ONLY.test(code)) return new ServiceError('storage', READ_ONLY_MESSAGE);
  // Only after the busy timeout (open.ts) has run out: one writer held the lock all that time.
  if (code === 'SQLITE_BUSY') return new ServiceError('conflict', BUSY_MESSAGE);
  return null;
}

/** Like storageError, for file-system errors inside the workspace folder, where EACCES too means read-only. */
export function workspaceFsError(err: unknown): ServiceError | null {
  const plain = storageError(err);
  if (plain) return plain;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FS_READ_ONLY.has(code) ? new ServiceError('storage', READ_ONLY_MESSAGE) : null;
}
