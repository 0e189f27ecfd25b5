// Where the workspace lives when nobody says: Electron's userData folder for an app named
// "Credence", computed the same way here so the CLI and the app share one workspace.
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Credence';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

/** An empty or blank value is no value: `CREDENCE_DATA_DIR=` must not mean "the current folder". */
const given = (v: string | undefined): string | undefined => (v?.trim() ? v : undefined);

/** --data-dir wins, then CREDENCE_DATA_DIR, then the default (the app passes its userData folder). */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, fallback = defaultDataDir(process.platform, env)): string {
  return path.resolve(given(flag) ?? given(env.CREDENCE_DATA_DIR) ?? fallback);
}
