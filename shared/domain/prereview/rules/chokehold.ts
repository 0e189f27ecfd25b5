// chokehold: airway restraints (what EO 13929 calls a chokehold): chokehold, stranglehold, respiratory
// restraint, pressure to the throat or windpipe. Vocabulary in neck-vocabulary.ts, reading in
// neck-restraints.ts (shared with the other neck rule: one sentence often names both).
// Stances: prohibited_outright, prohibited_except_deadly_force (banned unless deadly force is
// allowed, or classed as deadly force), permitted (allowed short of deadly force), not_addressed.
import type { RuleDef } from '../types.ts';
import { NECK_CANDIDATE, readNeck } from './neck-restraints.ts';

export const rule: RuleDef = {
  id: 'chokehold',
  item: 'mandatory.chokehold',
  kind: 'prohibition',
  order: ['permitted', 'prohibited_except_deadly_force', 'prohibited_outright'],
  none: 'not_addressed',
  candidate: NECK_CANDIDATE,
  read: (units) => readNeck(units, 'chokehold'),
};
