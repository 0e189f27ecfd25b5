// warning-shots: prohibited when warning shots are banned outright; restricted when they are
// allowed under conditions (deadly force justified, no risk to others, approval).
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { EXCEPTION, PROHIBIT } from '../text/modality.ts';
import { tolerantRn } from '../text/ocr-confusions.ts';

const topic = tolerantRn(/\bwarning[\s-]shots?\b/i, { rm: true });
const ALLOWED = /\bmay (be )?(fire|fired|discharge|use|used)\b|\b(is|are) (authorized|permitted|allowed) (only )?(when|if)\b|\bshould (generally )?be avoided\b|\bdiscouraged\b/i;

export const rule: RuleDef = {
  id: 'warning-shots',
  item: 'consider.warning-shots',
  kind: 'prohibition',
  order: ['restricted', 'prohibited'],
  none: 'not_addressed',
  candidate: tolerantRn(/warning[\s-]shot/i, { rm: true }),
  read: (units) =>
    readTopic(units, {
      topic,
      classify({ text }) {
        if (ALLOWED.test(text)) return { stance: 'restricted', reason: 'allowed under conditions' };
        if (PROHIBIT.test(text) && EXCEPTION.test(text)) return { stance: 'restricted', reason: 'banned with exceptions' };
        if (PROHIBIT.test(text)) return { stance: 'prohibited', reason: 'warning shots are banned' };
        return null;
      },
    }),
};
