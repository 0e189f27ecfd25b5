// warning-before-deadly-force: required when officers shall/will warn (and identify themselves)
// before deadly force where feasible; encouraged when they should.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { strength } from '../text/modality.ts';
import { tolerantRn } from '../text/ocr-confusions.ts';

const WARN = tolerantRn(/\b(verbal )?warn(ing|ings|s)?\b(?![\s-]shots?)|\bidentify (himself|herself|themselves|oneself|themself|him or herself|the officer)\b|\bidentif\w+ as (a )?(peace|police|law enforcement) officer/i);
const DEADLY = /\bdeadly force\b|\blethal force\b|\b(fir(e|ing)|shoot\w*|discharg\w*)\b|\bfirearms?\b/i;

export const rule: RuleDef = {
  id: 'warning-before-deadly-force',
  item: 'consider.warning-before-deadly-force',
  kind: 'requirement',
  order: ['required', 'encouraged'],
  none: 'not_addressed',
  candidate: tolerantRn(/warn|identify/i),
  read: (units) =>
    readTopic(units, {
      topic: WARN,
      offTopic: [
        [tolerantRn(/\bwarning[\s-]shots?\b/i, { rm: true }), 'warning shots, another rule'],
        [/\b(canine|dog|K-?9|TASER|CEW|conducted (energy|electrical)|OC|pepper\w*|spray|release)\b/i, 'a warning before another tool, not deadly force'],
      ],
      classify({ text, own }) {
        // The deadly force must be in the sentence itself: a list of firearm rules may also ask for warnings before any force.
        if (!DEADLY.test(own)) return { mention: 'a warning, but not before deadly force' };
        const s = strength(text);
        if (s === 'firm') return { stance: 'required', reason: 'officers shall warn before deadly force (where feasible)' };
        if (s === 'soft') return { stance: 'encouraged', reason: 'a warning should be given, no firm duty' };
        return null;
      },
    }),
};
