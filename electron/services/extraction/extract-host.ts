// The extractor process: one child process per file, hosting the threads that read it
// (extract-worker.ts), each every n-th page. One Node runtime for both threads, not one each
// (two processes cost ~200 MB more importing La Grange). The isolation is the process's: when
// V8 aborts on a thread's heap limit it may end this whole process, which the pool refuses as
// the heap refusal, and the app goes on. A thread that V8 ends alone is reported the same way.
// Plain Node with no imports but built-ins and its own plain-TypeScript helpers.
import { Worker } from 'node:worker_threads';
import type { HostJob, HostOut } from './messages.ts';
import { jobFromParent, serveParent, toParent } from '../isolation/child-port.ts';

serveParent({ reportMemory: false });

/**
 * V8 sizes each thread's young generation for throughput, tens of MB that pdf.js's short-lived
 * objects fill at once. Importing La Grange (load 13): the extractor process peaked at 291 MB
 * with V8's default, 245 MB with 8 and 237 MB with 4, in the same time.
 */
const YOUNG_GENERATION_MB = 8;

const wholeBuffer = (b: Uint8Array) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;

void jobFromParent<HostJob>().then(({ job, threads, threadPath }) => {
  for (let k = 0; k < threads; k++) {
    const last = k === threads - 1;
    // Bytes sent over IPC: each thread gets a copy, the last one this process's own (moved, not copied).
    const bytes = 'bytes' in job.source ? job.source.bytes : null;
    const transferList = last && bytes && wholeBuffer(bytes) ? [bytes.buffer as ArrayBuffer] : [];
    const w = new Worker(threadPath, {
      workerData: { ...job, first: k, stride: threads, probe: k === 0 },
      transferList,
      resourceLimits: { maxOldGenerationSizeMb: job.limits.heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      // pdf.js's chatter on stdout is not the parent's to read (the CLI's --json owns its stdout).
      stdout: true,
    });
    w.stdout.resume();
    w.on('message', (m) => toParent(m));
    w.on('error', (err) => {
      const out: HostOut =
        (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? { type: 'thread_out_of_memory' } : { type: 'thread_stopped', message: err.message };
      toParent(out);
    });
  }
});
