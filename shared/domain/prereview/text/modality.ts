// What a sentence does to officers: directs them firmly, softly, or not at all; and the kinds
// of sentence that mention a subject without setting a rule (definitions, purpose statements,
// training history, statements that no such rule exists).

/** A firm direction: shall, must, will, is required, has a duty, is responsible for ensuring. */
export const FIRM = /\b(shall|must|will)\b(?!\s+not\b)|\b(is|are) (required|mandated|obligated|expected)\b|\b(policy|order|directive|department|agency|law|section|procedure) (also )?requires?\b|\b(has|have) (a|an|the) (affirmative |positive )?(duty|obligation|responsibility)\b|\baffirmative duty\b|\b(is|are) responsible for (ensuring|providing|obtaining|summoning|rendering)\b|\bit is the policy of\b|\bis mandatory\b/i;
/**
 * Policies also direct in the present passive: "Every use of force is reported…", "All
 * discharges are investigated", "Each incident is to be documented". Firm only with a universally
 * quantified subject that opens its clause (not "any force that is reported", "the form on which
 * each use is recorded", "if every…") and a duty verb in the present (not "every use was
 * reported"). Kept out of FIRM on purpose: FIRM also lets a definition or a question count as a
 * rule (read.ts), and this reading is not strong enough for that. Case-sensitive: a capitalised
 * "Every" opens a sentence even after a section heading the segmenter joined to it
 * ("300.6 REPORTING AND REVIEW Every use of force is reported…").
 */
const QUANTIFIER = String.raw`(?:[Aa]ll|[Ee]very|[Ee]ach|[Aa]ny)\b`;
export const PASSIVE_DUTY = new RegExp(
  String.raw`(?:(?:^[\W_]*(?:[A-Za-z0-9]{1,3}[.)]\s+)?|[;(]\s*|,\s*(?:and\s+)?)${QUANTIFIER}|\s(?:All|Every|Each|Any)\b)` +
    // The subject: no relative or conditional word, no other verb, up to the first "is/are".
    String.raw`(?:(?!\b(?:that|which|who|whom|whose|where|when|whenever|if|unless|whether|is|are|was|were|be|been|has|have|had|shall|will|must|may|can|should|could|would|might|not)\b)[^.;:?!]){1,100}?` +
    String.raw`\b(?:is|are)\s+(?:(?:promptly|immediately|also|then|fully|thoroughly|properly|accurately|always|subsequently)\s+)?(?:to\s+be\s+)?` +
    String.raw`(?:reported|documented|investigated|reviewed|recorded|notified|submitted|forwarded|photographed|logged|evaluated|examined|inspected|retained|preserved|audited|tracked|filed|analy[sz]ed|referred|summoned|rendered|monitored|assessed)\b`,
  'm',
);
/** A soft direction: should, may, encouraged, consider. */
export const SOFT = /\bshould\b|\bmay\b|\b(strongly )?encouraged\b|\bconsider(ed|ation)?\b|\bdesired method\b/i;
/** A ban. */
export const PROHIBIT = /\b(shall|will|must|may|can|should) not\b|\bcannot\b|\bprohibit(s|ed|ing)?\b|\bnot (be )?(authorized|permitted|allowed)\b|\bunauthorized\b|\bforbidden\b|\bbanned\b|\bnever\b|\bat no time\b|\bunder no circumstances?\b|\bnot permissible\b|\bin no (case|event)\b|\bis not to be\b|\bno (officer|member|employee)s? (shall|will|may)\b/i;
/** A ban that still lets the act happen in some cases: "unless", "except", "only when", "if it presents". */
export const EXCEPTION = /\bunless\b|\bexcept\b|\bonly (when|if|in|as|after|where|under)\b|\blast resort\b|\bother than\b|\bwith (the )?(approval|authori[sz]ation|permission)\b|\bif (it|such|the|this)\b[^.;]{0,40}\b(presents?|creates?|poses?)\b/i;

/** "The law does not require…", "Personnel are not required to…": the text says there is no such rule. */
export const NO_SUCH_RULE = /\b(does|do|did) not (require|prohibit|mandate)\b|\b(is|are) not required\b|\bnot required to\b|\bno (requirement|law|rule) (that|to|requiring)\b/i;

export const DEFINITION = /^(?:\W*[A-Za-z0-9]{1,4}[.)]\s*)?["“]?[A-Z][\w\s/'’-]{0,60}["”]?\s*(?:[:–—](?=\s*\S)|-\s)|\b(means|is defined as|refers to|shall mean|are defined as)\b/;
export const PURPOSE = /^\W*(?:[IVX]{1,4}\.|[A-Z0-9]{1,3}[.)])?\s*purpose\b|\bthe purpose of this (policy|order|directive|procedure|general order|section)\b|\bthis (policy|order|directive) (is intended|establishes guidelines)\b/i;
export const TRAINING = /\b(are|is|were|was|will be|shall be) (trained|taught|instructed)\b|\b(receive|attend|complete)s? (periodic |annual |in-service )?training\b|\btraining (on|in|shall include|will include|includes)\b|\bnot taught\b|\bcurriculum\b/i;
/** A question-and-answer line of a public FAQ. */
export const FAQ_ANSWER = /^\s*(Q|A)[.:]\s|\?\s*$/;

export type Strength = 'firm' | 'soft' | null;

/** The strength of the verb that directs officers. "Should" beats "will" in the same sentence: it is the weaker reading. */
export function strength(text: string): Strength {
  if (/\bshould\b|\bencouraged\b/i.test(text)) return 'soft';
  if (FIRM.test(text) || PASSIVE_DUTY.test(text)) return 'firm';
  if (SOFT.test(text)) return 'soft';
  return null;
}
