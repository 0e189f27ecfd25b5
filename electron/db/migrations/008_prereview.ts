import type { Migration } from '../migrate.ts';

// Pre-review of every checklist item. Results are stored per document, rule-set version and
// hash of the document's page texts (OCR can add text to a scanned page later): reopening a
// case reads them back instead of reading a 700-page manual again. Decisions on findings, once
// only the chokehold lint's two categories, now name any rule (ids are checked by the API's
// schema, so a new rule needs no migration). A determination remembers whether it was adopted
// from the pre-review's suggestion, until anyone sets it by hand.
export const m008Prereview: Migration = {
  version: 8,
  name: '008_prereview',
  up(db) {
    db.exec(`
      CREATE TABLE prereview_results (
        document_id TEXT NOT NULL REFERENCES documents(id),
        rules_version TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        result TEXT NOT NULL,
        computed_at TEXT NOT NULL,
        PRIMARY KEY (document_id, rules_version, text_hash)
      ) STRICT;
      CREATE TABLE lint_decisions_008 (
        case_id TEXT NOT NULL REFERENCES cases(id),
        document_id TEXT NOT NULL REFERENCES documents(id),
        category TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 100),
        page INTEGER NOT NULL,
        quote TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accepted','dismissed')),
        reason TEXT NOT NULL DEFAULT '',
        annotation_id TEXT REFERENCES annotations(id),
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        decided_by_fingerprint TEXT,
        PRIMARY KEY (case_id, document_id, category, page, quote)
      ) STRICT;
      INSERT INTO lint_decisions_008 (case_id, document_id, category, page, quote, decision, reason, annotation_id, decided_by, decided_at, decided_by_fingerprint)
        SELECT case_id, document_id, category, page, quote, decision, reason, annotation_id, decided_by, decided_at, decided_by_fingerprint FROM lint_decisions;
      DROP TABLE lint_decisions;
      ALTER TABLE lint_decisions_008 RENAME TO lint_decisions;
      ALTER TABLE determinations ADD COLUMN adopted_from TEXT CHECK (adopted_from IN ('suggested','edited'));
    `);
  },
};
