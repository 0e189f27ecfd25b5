// `npm start`: build the app and open it in Electron. Where the Electron runtime cannot be had,
// say so in one clear message with the remedy, never a stack trace.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronPackageDir, findElectronBinary, NO_ELECTRON_MESSAGE } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '../..');

let binary = findElectronBinary();
if (!binary) {
  process.stdout.write('Fetching the Electron runtime (first launch only)…\n');
  const r = spawnSync(process.execPath, [path.join(electronPackageDir(), 'install.js')], { stdio: 'pipe', timeout: 180_000, encoding: 'utf8' });
  binary = r.status === 0 ? findElectronBinary() : null;
}
if (!binary) {
  process.stderr.write(`${NO_ELECTRON_MESSAGE}\n`);
  process.exit(1);
}
const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 0);
