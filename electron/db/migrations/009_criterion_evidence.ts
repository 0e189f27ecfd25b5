import type { Migration } from '../migrate.ts';

// A passage can be linked to a rubric criterion when it is highlighted, before anyone scores the
// criterion: a score needs a level and a rationale, gathering evidence does not. The links belong
// to the case (not to a scorer) and are shown in the criterion's view as evidence not yet scored.
// Migrations run in unbroken order, so this is 009 here (after 008_prereview); ocr-core also
// claims 009: the lead renumbers on merge.
export const m009CriterionEvidence: Migration = {
  version: 9,
  name: '009_criterion_evidence',
  up(db) {
    db.exec(`
      CREATE TABLE criterion_evidence (
        case_id TEXT NOT NULL,
        rubric_id TEXT NOT NULL,
        criterion_id TEXT NOT NULL,
        annotation_id TEXT NOT NULL REFERENCES annotations(id),
        PRIMARY KEY (case_id, rubric_id, criterion_id, annotation_id)
      ) STRICT;
      CREATE INDEX criterion_evidence_by_annotation ON criterion_evidence (annotation_id);
    `);
  },
};
