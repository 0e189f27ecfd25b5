// The one contract between the renderer and the main process, and the CLI's vocabulary too.
// Every method: a zod schema for its input and one for its output. Types are inferred from
// here and never written twice; the dispatcher parses every input against these schemas.
import { z } from 'zod';
import { caseCreateInput, caseRecord, caseUpdateInput } from './schemas/case.ts';
import { documentRecord, documentUpdateInput, importFileResult, importFilesInput, importInput, searchHit } from './schemas/document.ts';

const id = z.string().min(1).max(100);

export const contract = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), dataDir: z.string(), sampleCaseId: z.string().nullable(), actor: z.string() }),
  },
  'cases.list': {
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    output: z.array(caseRecord),
  },
  'cases.get': { input: z.object({ id }).strict(), output: caseRecord },
  'cases.create': { input: caseCreateInput, output: caseRecord },
  'cases.update': { input: caseUpdateInput, output: caseRecord },
  'cases.archive': { input: z.object({ id, archived: z.boolean() }).strict(), output: caseRecord },
  'documents.list': { input: z.object({ caseId: id }).strict(), output: z.array(documentRecord) },
  'documents.import': { input: importInput, output: z.array(importFileResult) },
  'documents.importFiles': { input: importFilesInput, output: z.array(importFileResult) },
  'documents.cancelImport': { input: z.object({ importId: id }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'documents.update': { input: documentUpdateInput, output: documentRecord },
  /** Opens the system file chooser (Electron only); answers the chosen paths, empty when cancelled. */
  'dialog.choosePdfs': { input: z.object({}).strict(), output: z.array(z.string()) },
  'search.query': {
    input: z
      .object({ caseId: id, query: z.string().trim().min(1, 'Type something to search for.').max(500), limit: z.number().int().min(1).max(200).default(50) })
      .strict(),
    output: z.array(searchHit),
  },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];
export const isMethod = (name: unknown): name is Method => typeof name === 'string' && Object.hasOwn(contract, name);

// Events flow from main to renderer only: progress of long work.
export const events = {
  'import.progress': z.object({
    importId: z.string(),
    caseId: z.string(),
    file: z.string(),
    fileIndex: z.number().int(),
    fileCount: z.number().int(),
    pagesDone: z.number().int(),
    pagesTotal: z.number().int(),
    phase: z.enum(['reading', 'extracting', 'indexing', 'done', 'failed']),
  }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name);

export { IPC_EVENT, IPC_INVOKE, type CredenceBridge } from './channels.ts';
