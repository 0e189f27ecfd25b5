// force-continuum: present when a continuum, matrix, model or classification ties levels of
// resistance to the force an officer may use; absent when only "objectively reasonable" stands.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';

const topic = /\b(use[\s-]of[\s-]force|force|confrontational|resistance|control) continuum\b|\bcontinuum\b|\bforce (matrix|model)\b|\bresponse to resistance (model|matrix|chart)\b|\blevels? of (resistance|control)\b[^.;]{0,80}\b(force|control|response|options?)\b|\b(resistance|threat) levels?\b[^.;]{0,80}\b(force|response|options?)\b|\bone plus one\b/i;

export const rule: RuleDef = {
  id: 'force-continuum',
  item: 'topic.use-of-force',
  kind: 'presence',
  order: ['present'],
  none: 'absent',
  candidate: /continuum|matrix|model|level|one plus one/i,
  read: (units) =>
    readTopic(units, {
      topic,
      keepDefinitions: true,
      keepTraining: false,
      offTopic: [[/\b(does|do) not (use|have|employ)\b|\bno (use[\s-]of[\s-]force )?continuum\b/i, 'says there is no continuum']],
      classify: () => ({ stance: 'present', reason: 'a graded scheme ties resistance to force' }),
    }),
};
