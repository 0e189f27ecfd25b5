// Run by wal-checkpoint.test.ts, which reads the workspace after this process is gone: opens the
// workspace at argv[2] as the app does (its WAL checkpointed by the worker), creates cases, some
// before and some after the worker's checkpoint, prints how many, and is killed outright.
import { openWorkspace } from '../../../../electron/services/workspace.ts';

// The checkpoint worker and its timer do not keep a process alive (the app's window does).
setInterval(() => {}, 1000);
const ws = openWorkspace({ dataDir: process.argv[2]!, transport: 'app' });
const create = (i: number) =>
  ws.services.cases.create({ agencyName: `Agency ${i} Police Department`, ori: `IL${String(i).padStart(7, '0')}`, state: 'IL', agencyType: null, jurisdiction: null, dueDate: null });
for (let i = 0; i < 20; i++) create(i);
await ws.checkpointer!.nextCheckpoint();
// Killed right after these commit: they are most likely in the WAL only.
for (let i = 20; i < 40; i++) create(i);
process.stdout.write('40\n', () => process.kill(process.pid, 'SIGKILL'));
