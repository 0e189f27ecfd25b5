// force-ends-under-control: required when force shall stop, be reduced or de-escalated once the
// person is under control, resistance ends or the threat has passed; encouraged when it should.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { strength } from '../text/modality.ts';

const topic = /\bunder control\b|\bresistance (ceases|ends|stops|has ceased|has ended|lowers)\b|\bno longer (resist\w*|necessary|needed|a threat|poses?)\b|\b(cease|stop|discontinue|end)(s|ing)? (the )?(use of )?force\b|\breduce (the )?(level|amount|degree) of force\b|\bde-?escalate (the )?(use of )?force\b|\b(to|at) a lesser level\b|\b(discontinued|stopped|ceased) (once|when|as soon as)\b|\bas the (aggression|resistance|threat)\b[^.;]{0,30}\b(lowers|ceases|decreases|diminishes|ends)\b|\bmodify (their|the|his or her) (level of |use of )?force\b|\badjust (their|the) (level of |use of )?force\b/i;
const ONE_SITUATION = /\b(restraints?|handcuff\w*|pain compliance|TASER|CEW|OC|pepper\w*|carotid|canine|K-?9)\b/i;

export const rule: RuleDef = {
  id: 'force-ends-under-control',
  item: 'consider.force-ends-under-control',
  kind: 'requirement',
  order: ['required', 'encouraged'],
  none: 'not_addressed',
  candidate: /control|resist|longer|cease|stop|discontinu|reduce|lesser|de-?escalate|modify|adjust/i,
  read: (units) =>
    readTopic(units, {
      topic,
      offTopic: [
        [/\b(dog|canine|K-?9|animal|vehicle|pursuit|scene|fire|crowd|traffic)\b[^.;]{0,40}\bunder control\b|\bunder control\b[^.;]{0,10}\b(dog|canine|K-?9|animal)\b/i, 'control of a dog, scene or vehicle, not of a person'],
      ],
      classify({ text }) {
        if (!/\bforce\b|\bresist\w*|\bcontrol\b|\bthreat\b|\bcomplian\w*|\btechniques?\b/i.test(text)) return null;
        const s = strength(text);
        if (s === 'firm' && ONE_SITUATION.test(text)) return { stance: 'encouraged', reason: 'required only for one tool or situation' };
        if (s === 'firm') return { stance: 'required', reason: 'force must stop or come down once control is gained' };
        if (s === 'soft') return { stance: 'encouraged', reason: 'should, no firm duty' };
        return null;
      },
    }),
};
