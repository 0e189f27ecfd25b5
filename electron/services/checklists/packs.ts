// Checklist packs: the bundled ones (JSON in resources/checklists) and any a reviewer imports.
// A pack is data, validated on the way in with errors that name the offending field.
import { fileURLToPath } from 'node:url';
import { checklistPack, type ChecklistPack, type PackSummary } from '../../../shared/schemas/checklist.ts';
import { ServiceError } from '../../../shared/result.ts';
import { parsePackFile, readBundledPacks } from '../pack-files.ts';
import type { ServiceContext } from '../context.ts';

export const SOURCE_PACKS_DIR = fileURLToPath(new URL('../../../resources/checklists/', import.meta.url));

export function createPacks(ctx: ServiceContext, bundledDir: string) {
  const bundled = readBundledPacks(bundledDir, checklistPack, 'checklist pack');
  const imported = () =>
    ctx.db
      .prepare<[], { json: string }>('SELECT json FROM checklist_packs ORDER BY id, version')
      .all()
      .map((r) => checklistPack.parse(JSON.parse(r.json)));
  const summary = (p: ChecklistPack, source: PackSummary['source']): PackSummary => ({ id: p.id, version: p.version, title: p.title, publisher: p.publisher, itemCount: p.items.length, source });

  return {
    list(): PackSummary[] {
      return [...bundled.map((p) => summary(p, 'bundled')), ...imported().map((p) => summary(p, 'imported'))];
    },
    get(id: string, version: string): ChecklistPack {
      const p = bundled.find((b) => b.id === id && b.version === version) ?? imported().find((b) => b.id === id && b.version === version);
      if (!p) throw new ServiceError('not_found', `Checklist pack ${id} version ${version} is not installed. Import it (Settings → Checklist packs) to open this case's checklist.`);
      return p;
    },
    import(file: string): PackSummary {
      const p = parsePackFile(file, checklistPack, 'checklist pack');
      // A published version never changes: a case that uses it must see the same items forever.
      const clash = bundled.some((b) => b.id === p.id && b.version === p.version) || ctx.db.prepare('SELECT 1 FROM checklist_packs WHERE id = ? AND version = ?').get(p.id, p.version);
      if (clash) throw new ServiceError('conflict', `Checklist pack ${p.id} version ${p.version} is already installed. Give a revised pack a new version number.`);
      ctx.db
        .prepare('INSERT INTO checklist_packs (id, version, title, json, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(p.id, p.version, p.title, JSON.stringify(p), ctx.actor, ctx.now().toISOString());
      return summary(p, 'imported');
    },
  };
}
export type Packs = ReturnType<typeof createPacks>;
