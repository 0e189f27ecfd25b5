// Finds the Electron executable without triggering the electron package's download-on-require
// (which prints a stack trace when there is no internet).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function electronPackageDir(): string {
  return path.dirname(require.resolve('electron/package.json'));
}

/** The executable's path when it is on disk, else null. Honours ELECTRON_OVERRIDE_DIST_PATH. */
export function findElectronBinary(): string | null {
  const dir = electronPackageDir();
  const pathFile = path.join(dir, 'path.txt');
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, rel ?? 'electron') : rel ? path.join(dir, 'dist', rel) : null;
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

export const NO_ELECTRON_MESSAGE = `Credence cannot start: the Electron runtime is not installed, and it could not be downloaded (no internet connection?).

Electron's ~100 MB runtime is fetched once, on first launch, from the internet. To fix:
  • on a machine with internet access, run \`npm start\` again (or \`npx install-electron\`), or
  • point ELECTRON_MIRROR at a reachable mirror, or ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45.

Everything else works without it: the command line (\`npm run -s credence -- --help\`) and the test suite (\`npm test\`).`;
