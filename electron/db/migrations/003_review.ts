import type { Migration } from '../migrate.ts';

// The reviewer's work: imported checklist packs, evidence highlights anchored to page text,
// determinations per checklist item, and what the reviewer decided about lint findings.
export const m003Review: Migration = {
  version: 3,
  name: '003_review',
  up(db) {
    db.exec(`
      CREATE TABLE checklist_packs (
        id TEXT NOT NULL,
        version TEXT NOT NULL,
        title TEXT NOT NULL,
        json TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;
      CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        document_id TEXT NOT NULL REFERENCES documents(id),
        doc_sha256 TEXT NOT NULL,
        page_from INTEGER NOT NULL,
        page_to INTEGER NOT NULL,
        rects TEXT NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        extractor_version TEXT NOT NULL,
        stance TEXT NOT NULL CHECK (stance IN ('supports','contradicts','context')),
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','orphaned','deleted')),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX annotations_by_case ON annotations (case_id, document_id);
      CREATE TABLE annotation_items (
        annotation_id TEXT NOT NULL REFERENCES annotations(id),
        item_id TEXT NOT NULL,
        PRIMARY KEY (annotation_id, item_id)
      ) STRICT;
      CREATE TABLE determinations (
        case_id TEXT NOT NULL REFERENCES cases(id),
        item_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('met','partially_met','not_met','not_applicable','needs_information')),
        rationale TEXT NOT NULL,
        no_rule_found INTEGER NOT NULL DEFAULT 0,
        stale INTEGER NOT NULL DEFAULT 0,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (case_id, item_id)
      ) STRICT;
      CREATE TABLE determination_evidence (
        case_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        annotation_id TEXT NOT NULL REFERENCES annotations(id),
        PRIMARY KEY (case_id, item_id, annotation_id),
        FOREIGN KEY (case_id, item_id) REFERENCES determinations(case_id, item_id) ON DELETE CASCADE
      ) STRICT;
      CREATE TABLE lint_decisions (
        case_id TEXT NOT NULL REFERENCES cases(id),
        document_id TEXT NOT NULL REFERENCES documents(id),
        category TEXT NOT NULL CHECK (category IN ('chokehold','vascular')),
        page INTEGER NOT NULL,
        quote TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accepted','dismissed')),
        reason TEXT NOT NULL DEFAULT '',
        annotation_id TEXT REFERENCES annotations(id),
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (case_id, document_id, category, page, quote)
      ) STRICT;
    `);
  },
};
