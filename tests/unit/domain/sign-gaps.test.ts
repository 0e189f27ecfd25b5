// The gaps a lead signs over, from a checklist and the packet's rubrics: each kind with its count,
// the sentence the lead confirms, and the items it concerns.
import { describe, expect, it } from 'vitest';
import { signGaps } from '../../../shared/domain/sign-gaps.ts';
import { totals } from '../../../shared/domain/rubric-scoring.ts';
import type { CaseChecklist, ChecklistEntry } from '../../../shared/schemas/checklist.ts';
import type { CaseRubric, RubricPack } from '../../../shared/schemas/rubric.ts';

const annotation = (id: string, stance: 'supports' | 'contradicts' | 'context', status: 'active' | 'orphaned' = 'active') => ({ id, stance, status }) as ChecklistEntry['evidence'][number];
const entry = (title: string, determination: Partial<NonNullable<ChecklistEntry['determination']>> | null, evidence: ChecklistEntry['evidence'] = []) =>
  ({ item: { id: title.toLowerCase(), title, kind: 'topic' }, determination: determination ? { status: 'met', stale: false, evidenceIds: evidence.map((e) => e.id), ...determination } : null, evidence }) as ChecklistEntry;
const checklist = (entries: ChecklistEntry[]) => ({ entries, progress: { decided: entries.filter((e) => e.determination).length, total: entries.length } }) as CaseChecklist;

const pack = { id: 'r', title: 'Rubric R', bands: [{ min: 0, label: 'Low' }], criteria: [1, 2, 3].map((i) => ({ id: `c${i}`, title: `Criterion ${i}`, weight: 1 })) } as unknown as RubricPack;
const rubric = (levels: Record<string, number>): CaseRubric => ({
  rubric: pack,
  scorer: 'ana',
  evidence: {},
  scores: Object.entries(levels).map(([criterionId, level]) => ({ rubricId: 'r', criterionId, scorer: 'ana', level, rationale: 'r', evidenceIds: [], decidedAt: '' })),
  totals: totals(pack, new Map(Object.entries(levels))),
  chartSvg: '',
});

describe('signGaps', () => {
  it('finds no gap in finished work', () => {
    expect(signGaps(checklist([entry('Chokeholds', { status: 'met' }, [annotation('a', 'supports')])]), [rubric({ c1: 1, c2: 0, c3: 3 })])).toEqual([]);
  });

  it('undecided items, and unscored criteria per rubric', () => {
    const gaps = signGaps(checklist([entry('Chokeholds', { status: 'met' }), entry('Duty to intervene', null)]), [rubric({ c2: 2 })]);
    expect(gaps).toEqual([
      { kind: 'undecided-items', count: 1, title: '1 checklist item is undecided', statement: 'I sign with 1 item undecided', entries: ['Duty to intervene'] },
      { kind: 'unscored-criteria', count: 2, title: '2 rubric criteria are unscored', statement: 'I sign with 2 rubric criteria unscored (shown as not assessed)', entries: ['Rubric R: 1 of 3 criteria scored — unscored: Criterion 1; Criterion 3'] },
    ]);
  });

  it('stale determinations and evidence lost in a revised document', () => {
    const gaps = signGaps(checklist([entry('Chokeholds', { status: 'met', stale: true }, [annotation('a', 'supports')]), entry('Warning shots', { status: 'not_met' }, [annotation('b', 'supports', 'orphaned')])]), []);
    expect(gaps).toEqual([
      {
        kind: 'stale-evidence',
        count: 2,
        title: '2 determinations rest on evidence that changed in a revised document',
        statement: 'I sign with 2 determinations resting on changed or missing evidence',
        entries: ['Chokeholds: its evidence was edited or could not be found in the revised document', 'Warning shots: a linked passage could not be found in the revised document'],
      },
    ]);
  });

  it('Met while the item’s evidence contradicts it (Not met with contradicting evidence is no gap)', () => {
    const gaps = signGaps(checklist([entry('Chokeholds', { status: 'met' }, [annotation('a', 'supports'), annotation('b', 'contradicts')]), entry('Vascular restraints', { status: 'not_met' }, [annotation('c', 'contradicts')])]), []);
    expect(gaps).toEqual([{ kind: 'contradicted-determinations', count: 1, title: '1 item is Met although evidence contradicts it', statement: 'I sign with 1 Met determination that contradicting evidence disputes', entries: ['Chokeholds: 1 passage contradicts it'] }]);
  });
});
