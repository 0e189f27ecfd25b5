// no-knock-warrants: prohibited when no-knock entries are banned; restricted when they need a
// judge's or commander's authorization or are allowed only in named circumstances.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { EXCEPTION, PROHIBIT } from '../text/modality.ts';

const topic = /\bno[\s-]knock\b|\bknock[\s-]and[\s-]announce\b|\bdynamic entry\b/i;

export const rule: RuleDef = {
  id: 'no-knock-warrants',
  item: 'consider.no-knock-warrants',
  kind: 'prohibition',
  order: ['restricted', 'prohibited'],
  none: 'not_addressed',
  candidate: /knock|dynamic entry/i,
  read: (units) =>
    readTopic(units, {
      topic,
      keepDefinitions: true,
      classify({ text }) {
        if (PROHIBIT.test(text) && !EXCEPTION.test(text) && /no[\s-]knock|dynamic entry/i.test(text)) return { stance: 'prohibited', reason: 'no-knock entries are banned' };
        return { stance: 'restricted', reason: 'allowed with authorization or in named circumstances' };
      },
    }),
};
