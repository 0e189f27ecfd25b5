// Run by wal-checkpoint.test.ts: writes once, lets the checkpoint worker report that all is quiet
// and end itself, closes the database, and prints "closed". It must then exit by itself: a
// worker thread that did not really end (its port left holding it) keeps the process running,
// a leak of a thread per quiet spell in the app and a CLI or test run that never finishes.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../../electron/db/open.ts';
import { startWalCheckpointer } from '../../../../electron/db/wal-checkpointer.ts';

const file = path.join(process.argv[2]!, 'quiet.sqlite');
fs.mkdirSync(path.dirname(file), { recursive: true });
const { db } = openDatabase(file);
db.exec('CREATE TABLE t (x)');
const cp = startWalCheckpointer(db, file, { intervalMs: 20, idleLooks: 2 });
db.prepare('INSERT INTO t VALUES (1)').run();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
while (!cp.running()) await sleep(10);
await cp.nextCheckpoint();
// Quiet from here: the worker reports it and is told to stop.
while (cp.running()) await sleep(10);
await sleep(200);
cp.close();
db.close();
process.stdout.write('closed\n');
