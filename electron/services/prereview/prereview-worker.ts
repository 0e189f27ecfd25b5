// A worker thread that runs the pre-review engine on documents' page text, one job at a time, so
// a 700-page manual is read without stalling the main process's event loop. The text is read
// from the database in main and posted here: this thread opens no file and no database. Runs as
// plain Node (type stripping): it imports only the pure engine.
import { parentPort } from 'node:worker_threads';
import { prereviewDocument } from '../../../shared/domain/prereview/engine.ts';
import type { PrereviewJob, PrereviewReply } from './messages.ts';
import { lowerThisThreadPriority } from '../background-priority.ts';

lowerThisThreadPriority();

parentPort!.on('message', (job: PrereviewJob) => {
  let reply: PrereviewReply;
  try {
    reply = { id: job.id, result: prereviewDocument(job.pages, { fileName: job.fileName }) };
  } catch (err) {
    reply = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
