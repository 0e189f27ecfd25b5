// Run by wal-checkpoint.test.ts: opens workspaces whose checkpoint worker has just been started
// (a write seen by the first look) and closes each at once, while the worker is still loading
// better-sqlite3's native code, then prints how many it closed. Ending a thread in the middle of
// that aborts the whole process, so this process must get to the end and exit by itself.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../../electron/db/open.ts';
import { startWalCheckpointer } from '../../../../electron/db/wal-checkpointer.ts';

const ROUNDS = Number(process.argv[3] ?? 24);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let closed = 0;
for (let i = 0; i < ROUNDS; i++) {
  const file = path.join(process.argv[2]!, `w${i}.sqlite`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { db } = openDatabase(file);
  db.exec('CREATE TABLE t (x)');
  const cp = startWalCheckpointer(db, file, { intervalMs: 5 });
  db.prepare('INSERT INTO t VALUES (1)').run();
  while (!cp.running()) await sleep(1);
  // Closed a varying moment into the worker's start.
  await sleep((i * 7) % 60);
  cp.close();
  db.close();
  closed++;
}
process.stdout.write(`${closed}\n`);
