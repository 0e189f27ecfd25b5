// early-intervention: established when the agency runs an early intervention / early warning
// system with indicators or thresholds and supervisory review; a mention alone is not enough.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';

const SYSTEM = /\bearly (intervention|warning|identification)\b|\bpersonnel (performance|early intervention)\b|\bperformance (monitoring|management|review) system\b|\b(EIS|EIP|EWS)\b/i;
/** Indicators or thresholds: numbers of events within a period, or named indicator lists. */
const THRESHOLD = /\b(\w+|\d+) or more\b[^.;]{0,80}\b(within|in) (a |any |the )?(\w+|\d+)[\s-](month|day|year)|\b(within|in) (a |any |the )?(\w+|\d+)[\s-](month|day|year)s?\b[^.;]{0,40}\b(period|window|time ?frame)|\bthresholds?\b|\bindicators?\b|\b(occurrences?|incidents?) (shall|will) (be )?(reported|tracked|entered)\b/i;

/**
 * The system is in use, not contemplated: a duty ("shall review"), or what a threshold sets off,
 * said as policies describe a working system, in the present tense ("three or more … trigger a
 * supervisory review", "an alert is sent to the supervisor").
 */
const OPERATES =
  /\b(shall|will|must)\b|\b(triggers?|prompts?|initiates?|results? in|generates?|sets? off|causes?|leads? to)\b[^.;]{0,80}\b(reviews?|intervention|notification|alerts?|assessment|meeting)\b|\b(is|are) (flagged|reviewed|referred|notified|alerted)\b|\b(alerts?|notifications?) (is|are) (sent|generated|issued)\b/i;
/** Only contemplated or hoped for: "may consider", "should explore", "is encouraged to", "would". */
const HEDGED = /\b(may|might|could|should) (consider|explore|evaluate|look into)\b|\b(is|are) encouraged to\b|\bwould\b/i;

export const rule: RuleDef = {
  id: 'early-intervention',
  item: 'topic.early-warning',
  kind: 'presence',
  order: ['established'],
  none: 'not_addressed',
  candidate: /early|intervention|warning|EIS|EIP|threshold|indicator/i,
  read(units) {
    const named = units.some((u) => SYSTEM.test(u.text));
    if (!named) return [];
    return readTopic(units, {
      topic: new RegExp(`${SYSTEM.source}|${THRESHOLD.source}`, 'i'),
      keepDefinitions: true,
      classify({ text }) {
        if (THRESHOLD.test(text) && OPERATES.test(text) && !HEDGED.test(text)) return { stance: 'established', reason: 'indicators or thresholds of an early intervention system' };
        return { mention: 'an early intervention system named, without indicators or thresholds' };
      },
    });
  },
};
