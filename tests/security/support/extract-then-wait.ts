// Run by child-processes.test.ts, which kills this process outright (SIGKILL) mid-extraction:
// starts reading a file that keeps pdf.js busy for minutes and prints its extractor's pids.
import { extractPdf, SOURCE_WORKER_PATH } from '../../../electron/services/extraction/extract-pool.ts';
import { liveChildPids } from '../../../electron/services/isolation/spawn-child.ts';
import { slowPdf } from '../../fixtures/hostile-pdfs.ts';

void extractPdf(slowPdf(), {
  workerPath: SOURCE_WORKER_PATH,
  workers: 2,
  pageLimit: 5000,
  onOpened: () => process.stdout.write(`${JSON.stringify(liveChildPids())}\n`),
}).catch(() => {});
