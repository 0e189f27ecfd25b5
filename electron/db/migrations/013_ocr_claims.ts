import type { Migration } from '../migrate.ts';

// The app and the command line may open the same workspace at once, and both read pending pages.
// A process takes a page before it reads it: `claim_owner` names the process ("pid:token") and
// `claimed_at` (ms since the epoch, renewed as the page moves on) when it last said it was still
// reading. A claim whose process has ended, or that has not been renewed within the lease, is
// free to take. Claims are local to this workspace: a bundle does not carry them.
export const m013OcrClaims: Migration = {
  version: 13,
  name: '013_ocr_claims',
  up(db) {
    db.exec(`
      ALTER TABLE page_ocr ADD COLUMN claim_owner TEXT;
      ALTER TABLE page_ocr ADD COLUMN claimed_at INTEGER;
    `);
  },
};
