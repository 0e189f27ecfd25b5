// moving-vehicles: prohibited when shooting at or from a moving vehicle is banned, or allowed only
// for a deadly threat by means other than the vehicle; restricted when the vehicle itself may
// still be the threat ("unless", "last resort", "rarely effective", "should not").
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { EXCEPTION, PROHIBIT, strength } from '../text/modality.ts';

const VEHICLE = /\bmoving (motor )?vehicles?\b|\b(at|from|into) (a|an|the)? ?(moving |fleeing |occupied )?(motor )?vehicles?\b|\boccupants? of (a|an|the) (moving )?vehicle\b|\bpath of (a|an|the) (moving |oncoming |approaching )?vehicle\b/i;
const SHOOT = /\b(fir(e|es|ed|ing)|shoot\w*|shots?|discharg\w*)\b/i;
/** The 8 Can't Wait ban: the only exception is a deadly threat by means other than the vehicle. */
const OTHER_MEANS = /\bby (means|a means) other than the (moving )?vehicle\b|\bother than the vehicle itself\b/i;
const SOFT_LIMIT = /\brarely effective\b|\bgenerally ineffective\b|\blast resort\b|\bshould not\b|\bdiscouraged\b/i;

export const rule: RuleDef = {
  id: 'moving-vehicles',
  item: 'consider.moving-vehicles',
  kind: 'prohibition',
  order: ['restricted', 'prohibited'],
  none: 'not_addressed',
  candidate: /vehicle/i,
  read: (units) =>
    readTopic(units, {
      topic: VEHICLE,
      offTopic: [[/\b(TASER|CEW|OC|pepper\w*|spray|canine|dog|K-?9|tires?)\b/i, 'another tool or target, not shooting at a vehicle']],
      classify({ text }) {
        if (!SHOOT.test(text)) return { mention: 'a vehicle, but no rule on shooting at or from it' };
        if (PROHIBIT.test(text) && OTHER_MEANS.test(text)) return { stance: 'prohibited', reason: 'banned unless the threat comes by means other than the vehicle' };
        if (SOFT_LIMIT.test(text)) return { stance: 'restricted', reason: 'discouraged or a last resort; the vehicle may still be the threat' };
        if (PROHIBIT.test(text) && EXCEPTION.test(text)) return { stance: 'restricted', reason: 'banned with exceptions that still let the vehicle be the threat' };
        if (PROHIBIT.test(text)) return { stance: 'prohibited', reason: 'shooting at or from a moving vehicle is banned' };
        if (strength(text)) return { stance: 'restricted', reason: 'allowed under conditions' };
        return null;
      },
    }),
};
