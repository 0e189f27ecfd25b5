// Run by background-priority.test.ts in a process of its own (lowering a vitest worker's own
// threads would outlast the test): starts libuv's pool, lowers V8's helper threads, and prints
// every thread's name and nice value before and after.
import fs from 'node:fs';
import { lowerHelperThreads } from '../../../../electron/services/background-priority.ts';

const threads = () =>
  fs.readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [{ tid: Number(tid), name: fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(), nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) }];
    } catch {
      return [];
    }
  });
// A file read on libuv's pool, so its (named) threads exist.
await fs.promises.readFile(import.meta.filename);
const before = threads();
const lowered = lowerHelperThreads();
process.stdout.write(JSON.stringify({ pid: process.pid, lowered, before, after: threads() }));
