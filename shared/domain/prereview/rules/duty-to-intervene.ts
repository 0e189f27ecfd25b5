// duty-to-intervene: required when an officer who sees another use excessive force shall
// intervene or intercede; report_only when the duty is only to tell a supervisor.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { PROHIBIT, strength } from '../text/modality.ts';

const INTERVENE = /\b(interven\w*|interced\w*|intercession|step in|stop (the|such|any) (use of )?(excessive|unreasonable|unlawful) force|take (reasonable |appropriate |all reasonable )?(action|steps) to (prevent|stop))\b/i;
const EXCESSIVE = /\b(excessive|unreasonable|unlawful|improper|clearly beyond|not (objectively )?reasonable|beyond that which)\b[^.;]{0,60}\bforce\b|\bforce\b[^.;]{0,60}\b(excessive|unreasonable|clearly beyond)/i;
const REPORT = /\breport\w*\b|\bnotify\b|\bnotif\w+\b/i;
const topic = new RegExp(`${INTERVENE.source}|\\bduty to intervene\\b`, 'i');

export const rule: RuleDef = {
  id: 'duty-to-intervene',
  item: 'consider.duty-to-intervene',
  kind: 'requirement',
  order: ['required', 'report_only'],
  none: 'not_addressed',
  candidate: /interven|interced|excessive|unreasonable force/i,
  read: (units) => [
    ...readTopic(units, {
      topic,
      offTopic: [
        [/\b(crisis|early|pursuit|personnel|employee|performance) intervention\b/i, 'another kind of intervention'],
        [/\b(canine|dog|K-?9)\b/i, 'about the dog, not another officer’s force'],
      ],
      classify({ text }) {
        if (!EXCESSIVE.test(text) && !/\bduty to interven/i.test(text)) return { mention: 'intervention, but not in another officer’s force' };
        if (PROHIBIT.test(text) && !/\bnot\b[^.;]{0,20}\bsafe/i.test(text) && /\bshall not interven/i.test(text)) return { mention: 'no duty' };
        const s = strength(text);
        if (s) return { stance: 'required', reason: 'an officer who sees excessive force must step in' };
        return { mention: 'described, no duty stated' };
      },
    }),
    // A duty only to tell a supervisor: counted when no sentence sets a duty to step in.
    ...readTopic(units, {
      topic: /\b(excessive|unreasonable|clearly beyond)\b[^.;]{0,80}\bforce\b/i,
      classify({ text }) {
        if (INTERVENE.test(text) || !REPORT.test(text) || !/\b(another|other|fellow) (officer|member|employee)s?\b|\bobserv|\bwitness/i.test(text)) return null;
        return strength(text) === 'firm' ? { stance: 'report_only', reason: 'must report another officer’s excessive force' } : null;
      },
    }).filter((p) => p.stance),
  ],
};
