// medical-aid: required when after force, or when a person is injured or complains, officers
// shall render first aid or summon medical help; encouraged when they should, or only for one
// tool or situation.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { strength } from '../text/modality.ts';

const topic = /\bmedical (aid|attention|assistance|care|treatment|personnel|evaluation|clearance)\b|\bfirst[\s-]aid\b|\bEMS\b|\bparamedics?\b|\brender(ing)? aid\b|\bemergency medical\b|\b(examined|treated) (by|at)\b/i;
const AFTER_FORCE = /\bforce\b|\binjur\w*|\bcomplain\w*|\bpain\b|\bunconscious|\bresist\w*|\bdischarg\w*|\bdeploy\w*|\bexposed\b|\bcontaminat\w*|\brestrain\w*|\bsubject\b|\barrest\w*|\bperson\b/i;
const ONE_SITUATION = /\b(canine|K-?9|police dog|dog bites?|bite|TASER|CEW|conducted (energy|electrical)|OC|pepper\w*|carotid|impact (round|munition)s?|bean ?bag|kinetic|excited delirium)\b/i;

export const rule: RuleDef = {
  id: 'medical-aid',
  item: 'consider.medical-aid',
  kind: 'requirement',
  order: ['required', 'encouraged'],
  none: 'not_addressed',
  candidate: /medical|first[\s-]aid|EMS|paramedic|render/i,
  read: (units) =>
    readTopic(units, {
      topic,
      offTopic: [
        [/\bvictims?\b/i, 'aid to a victim of crime, not after police force'],
        [/\b(employee|officer|member)s? (who (is|are) )?(injured|exposed) (on|while) duty\b|\bworkers'? comp/i, 'an officer’s own injury'],
        [/\bfitness[\s-]for[\s-]duty\b|\bphysical examination\b/i, 'an employee’s examination'],
      ],
      classify({ text }) {
        const s = strength(text);
        if (!AFTER_FORCE.test(text)) return s === 'soft' ? { stance: 'encouraged', reason: 'medical aid described as what should be done' } : { mention: 'medical words, not aid after force or injury' };
        if (s === 'firm' && ONE_SITUATION.test(text)) return { stance: 'encouraged', reason: 'required only after one tool or situation' };
        if (s === 'firm') return { stance: 'required', reason: 'officers shall render aid or summon medical help' };
        if (s === 'soft') return { stance: 'encouraged', reason: 'should, no firm duty' };
        return null;
      },
    }),
};
