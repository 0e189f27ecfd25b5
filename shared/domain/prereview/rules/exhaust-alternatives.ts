// exhaust-alternatives: required when deadly force is allowed only after all other reasonable
// means are exhausted or would clearly be ineffective; encouraged when alternatives should be
// considered. "Objectively reasonable" alone is no such rule.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { strength } from '../text/modality.ts';

const STRONG = /\bexhaust\w*|\ball (other )?(reasonable |available |practical |feasible )*(means|alternatives|options)\b|\blast resort\b|\bno (other )?(reasonably effective |reasonable |practical |feasible )*(alternative|means|option)s?\b|\bother (reasonable )?(means|alternatives) (would be|are|have been) (clearly )?ineffective\b/i;
const topic = new RegExp(`${STRONG.source}|\\b(availability|use) of (other )?(reasonable |feasible |and )*(alternatives|options|means|tactics)\\b|\\balternatives? to (deadly|lethal)? ?force\\b`, 'i');
const ONE_SITUATION = /\bimpromptu\b|\bimprovised\b|\bweapons? of necessity\b/i;

export const rule: RuleDef = {
  id: 'exhaust-alternatives',
  item: 'eight-cant-wait.exhaust-alternatives',
  kind: 'requirement',
  order: ['required', 'encouraged'],
  none: 'not_addressed',
  candidate: /exhaust|alternative|last resort|other (reasonable )?means|options/i,
  read: (units) =>
    readTopic(units, {
      topic,
      offTopic: [
        [/\b(animals?|dogs?|deer|wildlife)\b/i, 'destroying an animal'],
        [/\b(vehicle|pursuit|tire|roadblock)\b/i, 'a vehicle or pursuit tactic'],
        [/\bleast (assertive|intrusive)\b[^.;]{0,40}\bnot required\b|\bnot required\b[^.;]{0,40}\bleast\b/i, 'says there is no such rule'],
      ],
      classify({ text }) {
        if (!/\bforce\b|\bweapons?\b|\bfirearms?\b|\bshoot\w*|\bresist\w*|\btactics?\b|\bthreat\b|\bofficers?\b/i.test(text)) return { mention: 'alternatives, but not to force' };
        const s = strength(text);
        if (STRONG.test(text) && s === 'firm' && !ONE_SITUATION.test(text)) return { stance: 'required', reason: 'force only after other means are exhausted' };
        if (STRONG.test(text) && /\bonly\b/i.test(text) && !ONE_SITUATION.test(text) && s !== 'soft') return { stance: 'required', reason: 'force only when no alternative remains' };
        if (s || ONE_SITUATION.test(text)) return { stance: 'encouraged', reason: ONE_SITUATION.test(text) ? 'exhaustion named for one situation only' : 'alternatives to be considered, no firm duty' };
        return null;
      },
    }),
};
