// What every service is given: no globals, no 'electron'. The composition root (the Electron
// main process, the CLI or a test) builds one of these.
import type { Db } from '../db/open.ts';
import type { EventName, EventPayload } from '../../shared/contract.ts';

export interface WorkspacePaths {
  dataDir: string;
  database: string;
  blobs: string;
  /** This process's own temporary folder (tmp/<pid>-<random>/), never shared with another process. */
  tmp: string;
  backups: string;
}

export interface ServiceContext {
  db: Db;
  paths: WorkspacePaths;
  now: () => Date;
  newId: () => string;
  /**
   * Who is acting: the unlocked identity ("Name <email>"), the system for its own sample case,
   * else empty — changes are refused then, never credited to the OS user.
   */
  actor: string;
  /** The acting identity's key fingerprint (null for the system or no one): what the two-person rule compares. */
  actorFingerprint: string | null;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  config: { pageLimit: number; extractWorkers: number };
  /** False when the workspace folder cannot be written: it is open for reading only. */
  writable: boolean;
  /**
   * Runs fn as one write transaction that takes the write lock at once (BEGIN IMMEDIATE), so
   * everything read inside it is current and no other process can write in between. Inside a
   * transaction already, fn joins it.
   */
  writeTransaction<T>(fn: () => T): T;
  /**
   * Records a change in its case's audit trail — and reopens an approved or signed case — inside
   * the caller's write transaction, so the change and its entry commit or roll back together.
   * For services that write after asynchronous work (import); the handler map does it for the rest.
   * `action` is used when the change is not made under an audited API call (a service called directly).
   */
  recordChange(action: string, caseId: string, entity: string, entityId: string, state: unknown): void;
}
