// What every service is given: no globals, no 'electron'. The composition root (the Electron
// main process, the CLI or a test) builds one of these.
import type { Db } from '../db/open.ts';
import type { EventName, EventPayload } from '../../shared/contract.ts';

export interface WorkspacePaths {
  dataDir: string;
  database: string;
  blobs: string;
  tmp: string;
  backups: string;
}

export interface ServiceContext {
  db: Db;
  paths: WorkspacePaths;
  now: () => Date;
  newId: () => string;
  /** Who is acting: the chosen identity ("Name <email>"), else the OS user. */
  actor: string;
  /** The OS user: who acts when no identity is chosen. */
  defaultActor: string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  config: { pageLimit: number; extractWorkers: number };
}
