import type { Migration } from '../migrate.ts';

// Rubric scoring: imported rubric packs, the rubric versions each case uses, and scores per
// scorer (two reviewers score blind; the lead records a consensus as scorer 'consensus').
export const m004Rubrics: Migration = {
  version: 4,
  name: '004_rubrics',
  up(db) {
    db.exec(`
      CREATE TABLE rubric_packs (
        id TEXT NOT NULL,
        version TEXT NOT NULL,
        title TEXT NOT NULL,
        json TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;
      CREATE TABLE case_rubrics (
        case_id TEXT NOT NULL REFERENCES cases(id),
        rubric_id TEXT NOT NULL,
        version TEXT NOT NULL,
        PRIMARY KEY (case_id, rubric_id)
      ) STRICT;
      CREATE TABLE scores (
        case_id TEXT NOT NULL REFERENCES cases(id),
        rubric_id TEXT NOT NULL,
        criterion_id TEXT NOT NULL,
        scorer TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
        rationale TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (case_id, rubric_id, criterion_id, scorer)
      ) STRICT;
      CREATE TABLE score_evidence (
        case_id TEXT NOT NULL,
        rubric_id TEXT NOT NULL,
        criterion_id TEXT NOT NULL,
        scorer TEXT NOT NULL,
        annotation_id TEXT NOT NULL REFERENCES annotations(id),
        PRIMARY KEY (case_id, rubric_id, criterion_id, scorer, annotation_id),
        FOREIGN KEY (case_id, rubric_id, criterion_id, scorer) REFERENCES scores(case_id, rubric_id, criterion_id, scorer) ON DELETE CASCADE
      ) STRICT;
    `);
  },
};
