// The words policies use for neck restraints, deadly-force exceptions, and the look-alikes that
// set no rule (see DOMAIN.md). Patterns run on text whose whitespace is already collapsed.

/** Airway restraints: what EO 13929 calls a chokehold. */
export const CHOKEHOLD_TERMS = [
  /\bchoke[\s-]?holds?\b/i,
  /\brespiratory restraints?\b/i,
  /\bstrangle[\s-]?holds?\b/i,
  /\bsleeper holds?\b/i,
];

/** Blood-flow restraints: carotid and vascular neck restraints, and the PPCT shoulder pin. */
export const VASCULAR_TERMS = [
  /\bcarotid\b/i,
  /\bvascular (neck )?restraints?\b/i,
  /\blateral vascular\b/i,
  /\bLVNR\b/,
  /\bshoulder pin\b/i,
];

/** Terms naming neck restraints without saying which kind: they govern both. */
export const GENERIC_TERMS = [/(?<!vascular |lateral )\bneck (holds?|restraints?)\b/i];

/** Descriptions without any keyword. They count only inside a firm rule (see classify.ts). */
export const CHOKEHOLD_DESCRIPTIONS = [
  /\b(direct )?pressure (to|on) (the |a )?(throat|windpipe|airway|trachea)/i,
  /\b(restrict\w*|reduc\w*|prevent\w*|block\w*|impair\w*|impeding) (of )?(the |a person'?s |an individual'?s )?(intake of (air|oxygen)|respiration|breathing|airway)/i,
  /\brestriction of (respiration|breathing)\b/i,
  /\bgrabbing of the throat\b/i,
];
export const VASCULAR_DESCRIPTIONS = [
  /\b(restrict\w*|reduc\w*|block\w*|impair\w*|loss of) (the )?blood flow\b/i,
  /\bblood flow (to|through) (the )?(head|brain|neck)\b/i,
  /\bpressure to the sides? of the neck\b/i,
];

/** Mentions that set no rule for officers' force. A sentence with one is set aside. */
export const DISTRACTORS: Array<[RegExp, string]> = [
  [/\bchoke collars?\b/i, 'canine equipment (choke collar)'],
  [/\bstrangl(e|es|ed|ing|ation)\b(?!\s*holds?)/i, 'strangulation as an offence, not officer force'],
  [/\b(turtle|crew|v)[\s-]?necks?\b/i, 'uniform neckline'],
];

export const TRAINING_HISTORY = /\b(are|is|were|was) not (taught|trained)\b|\bno longer (taught|trained)\b|\bnot part of (the )?training\b/i;

export const DEFINITION = /^(?:\W*[A-Za-z0-9]{1,4}[.)]\s*)?["“]?[A-Z][\w\s/-]{0,60}["”]?\s*(?:[:–—]|-\s)|\b(means|is defined as|refers to|does not include|is a technique|are techniques)\b/;

/** Phrases that allow a restraint only where deadly force is allowed, or class it as deadly force. */
// "Lethal force" is deadly force in other words; so is an emergency to prevent death or serious bodily injury.
export const DEADLY_EXCEPTION = [
  /\b(unless|except|only|limited to|other than)\b[^.;]{0,90}\b(deadly|lethal) (force|response to resistance)\b[^.;]{0,50}\b(justified|authorized|permitted|allowed|necessary|warranted|encounters?|situations?|circumstances|reasonable)\b/i,
  /\b(unless|except|only|limited to)\b[^.;]{0,60}\b(justified|authorized) (use of )?(deadly|lethal) force\b/i,
  /\bexcept in (deadly|lethal) force (encounters|situations)\b/i,
  /\b(considered|constitutes?|classified as|treated as|deemed)\b[^.;]{0,25}\b(deadly|lethal) force\b/i,
  /\b(unless|except|only)\b[^.;]{0,80}\b(to (prevent|protect (against|from))|imminent (threat|danger|risk) of)\b[^.;]{0,40}\b(death|loss of life)\b[^.;]{0,10}\b(or|and)\b[^.;]{0,10}\b(serious|great|grave) (bodily|physical) (injury|harm)\b/i,
];

/**
 * A permission worded as a limit ("only when the subject is violent"), or a place in a force
 * classification short of deadly force ("classified as hard empty-hand control"): permitted.
 */
export const CONDITIONAL_PERMISSION = /\b(may|can) (only )?be (used|applied|employed)\b[^.;]{0,60}\b(only )?(when|if|where)\b|\b(shall|will|may) (be used |be applied )?only (be used |be applied )?(when|if|where|in|against)\b|\b(is|are) (limited|restricted) to\b|\b(classified|categori[sz]ed|considered|listed) (as|among|under)\b[^.;]{0,40}\b(empty[\s-]hand|hard control|soft control|intermediate|less[\s-]lethal|non[\s-]?deadly|control techniques?|level [1-6IVX]+)\b/i;

/** Triggers short of the deadly-force standard: the restraint is then permitted in some situations. */
export const WEAK_TRIGGERS = [
  /\blife[\s-]threatening\b/i,
  /\bhigh[\s-]risk\b/i,
  /\bassaultive\b/i,
  /\bin specific situations\b/i,
  /\bwhen necessary to protect\b/i,
  /\bshould avoid\b/i,
  /\bwhenever (practical|practicable|possible)\b/i,
];

export const PROHIBITION = /\b(shall|will|must|may|can) not\b|\bcannot\b|\bprohibit(s|ed|ing)?\b|\bnot (be )?(authorized|permitted|allowed)\b|\bunauthorized\b|\bforbidden\b|\bbanned\b|\bnever\b|\bis not to be used\b/i;
/** "should not" discourages without forbidding. */
export const DISCOURAGEMENT = /\bshould not\b|\bshould be avoided\b|\bdiscouraged\b/i;
export const PERMISSION = /\b(may|can) (be )?(use|used|apply|applied|utilize|utilized|employ|employed)\b|\b(is|are) (an )?(authorized|permitted|approved|allowed)\b/i;
/** A list introduced by one of these offers force options: an item in it is permitted. */
export const PERMISSION_LEADIN = /\bforce options?\b|\bless[\s-]lethal\b|\bnon[\s-]lethal\b|\bauthorized (techniques|force|weapons)\b|\bapproved techniques\b/i;
