// de-escalation: required when officers shall/will/must use de-escalation in general; encouraged
// when they should, or only in certain situations, or it is only defined or trained.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { strength } from '../text/modality.ts';

// PREREVIEW.md's words, "time and distance" among them: a policy may describe de-escalation without naming it.
const topic = /\bde-?\s?escalat\w*|\btactical communication\b|\bslow(ing)? down the situation\b|\btime,? (and )?distance\b/i;
/** A duty limited to one kind of call or tool is encouraged, not required (PREREVIEW.md). */
const ONE_SITUATION = /\b(mental[\s-]health|crisis|mentally ill|pain compliance|canine|K-?9|juvenile|autis\w*|persons? in crisis)\b/i;

export const rule: RuleDef = {
  id: 'de-escalation',
  item: 'topic.de-escalation',
  kind: 'requirement',
  order: ['required', 'encouraged'],
  none: 'not_addressed',
  candidate: topic,
  read: (units) =>
    readTopic(units, {
      topic,
      keepDefinitions: true,
      keepTraining: true,
      classify({ text }) {
        const s = strength(text);
        if (s === 'firm' && ONE_SITUATION.test(text)) return { stance: 'encouraged', reason: 'required only in certain situations' };
        if (s === 'firm') return { stance: 'required', reason: 'officers are directed to de-escalate' };
        if (s === 'soft') return { stance: 'encouraged', reason: 'should / encouraged, not a duty' };
        return { stance: 'encouraged', reason: 'defined, described or trained, with no duty' };
      },
    }),
};
