import type { Db } from '../db/open.ts';

export const readMeta = (db: Db, key: string): string | null =>
  (db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value) ?? null;

export const writeMeta = (db: Db, key: string, value: string): void => {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
};
