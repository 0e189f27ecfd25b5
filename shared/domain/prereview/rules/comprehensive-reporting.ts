// comprehensive-reporting: all_force_incl_pointing when every use of force is reported, pointing
// a firearm at a person included; partial when force is reported but pointing is not named.
import type { RuleDef } from '../types.ts';
import { readTopic } from '../text/read.ts';
import { strength } from '../text/modality.ts';

// "Documentation Guide" names a document; "shall document" is a duty.
const REPORT = /\b(report(s|ed|ing)?|document(s|ed|ing)?|memorandum|notif(y|ied|ication))\b/i;
const FORCE = /\b(use|uses|used|using|application|response|responses) (of|to) (force|resistance)\b|\buse[\s-]of[\s-]force\b|\bforce (is|was) used\b|\buses force\b|\bresponse to resistance\b/i;
export const POINTING = /\b(point(s|ed|ing)?|aim(s|ed|ing)?|display(s|ed|ing)?|draw(s|n|ing)?|unholster\w*)\b[^.;]{0,60}\b(firearms?|weapons?|guns?|handguns?|rifles?|shotguns?)\b|\b(firearms?|weapons?|guns?)\b[^.;]{0,30}\b(pointed|aimed|displayed|drawn)\b/i;

export const rule: RuleDef = {
  id: 'comprehensive-reporting',
  item: 'topic.use-of-force',
  kind: 'requirement',
  order: ['all_force_incl_pointing', 'partial'],
  none: 'not_addressed',
  candidate: /report|document|memorandum|notif/i,
  read: (units) =>
    readTopic(units, {
      topic: REPORT,
      itemsOfTopicLeadIn: true,
      offTopic: [
        [/\b(canine|K-?9|dog) (bite|deployment)s?\b|\bbites?\b/i, 'reporting of one tool only'],
        [/\bearly intervention\b|\bannual(ly)? (analysis|review)\b/i, 'a review of reports, not a duty to report'],
      ],
      classify({ text }) {
        const firm = strength(text) === 'firm';
        if (!firm) return null;
        if (POINTING.test(text) && (FORCE.test(text) || /\bat (a|any) ?(person|one|anyone|individual|subject)\b|\bat anyone\b/i.test(text)))
          return { stance: 'all_force_incl_pointing', reason: 'pointing a firearm at a person must be reported' };
        if (FORCE.test(text) && /\b(any|all|every|each)\b/i.test(text) && !/\bdischarg\w*\b|\bserious (physical |bodily )?injury\b[^.;]{0,20}\bonly\b/i.test(text)) return { stance: 'partial', reason: 'every use of force is reported; pointing a firearm is not named' };
        return null;
      },
    }),
};
