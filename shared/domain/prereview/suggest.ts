// Suggested determinations: from a rule's stance across the case (aggregateCase) to a
// determination status and a drafted rationale citing the passages' documents and pages. Pure,
// so the screen, the service and the tests read the same suggestion. Credence suggests; the
// reviewer adopts, edits or ignores — nothing here records anything.
import type { DeterminationStatus } from '../../schemas/checklist.ts';
import { citePages } from '../document-title.ts';
import type { CaseRuleFinding } from './case.ts';
import { RULES } from './rules/index.ts';
import { NO_TEXT, type Evidence, type RuleId } from './types.ts';

export interface Suggestion {
  ruleId: RuleId;
  status: DeterminationStatus;
  rationale: string;
  /** The passages the suggestion rests on (those of the deciding document). */
  evidence: Array<{ documentId: string; page: number; endPage: number; quote: string }>;
  /** How the suggestion's passages bear on the item, when accepted as highlights. */
  evidenceStance: 'supports' | 'contradicts' | 'context';
  /** Not met because no document sets the rule: the determination says no rule was found. */
  noRuleFound: boolean;
}

/** What each stance means for the item: the status it suggests and how to say it. */
const MEANING: Record<RuleId, Record<string, { status: DeterminationStatus; says: string }>> = {
  chokehold: {
    prohibited_outright: { status: 'met', says: 'prohibit chokeholds outright, which meets the order (a prohibition with no exception is stricter than it requires)' },
    prohibited_except_deadly_force: { status: 'met', says: 'prohibit chokeholds except where deadly force is allowed, as the order requires' },
    permitted: { status: 'not_met', says: 'permit chokeholds in situations short of deadly force; the order requires them to be prohibited except where deadly force is allowed' },
    not_addressed: { status: 'not_met', says: 'set no rule on chokeholds; the order requires a prohibition except where deadly force is allowed' },
  },
  vascular: {
    prohibited_outright: { status: 'met', says: 'prohibit vascular (carotid) neck restraints outright' },
    prohibited_except_deadly_force: { status: 'met', says: 'prohibit vascular (carotid) neck restraints except where deadly force is allowed' },
    permitted: { status: 'not_met', says: 'permit vascular (carotid) neck restraints short of deadly force' },
    not_addressed: { status: 'not_met', says: 'set no rule on vascular (carotid) neck restraints' },
  },
  'de-escalation': requirement('require de-escalation when safe and feasible', 'encourage de-escalation (or require it only in some situations) without a general duty', 'set no rule on de-escalation'),
  'duty-to-intervene': {
    required: { status: 'met', says: 'require an officer to intervene to stop another’s excessive force' },
    report_only: { status: 'partially_met', says: 'require excessive force to be reported, but set no duty to intervene' },
    not_addressed: { status: 'not_met', says: 'set no duty to intervene' },
  },
  'warning-before-deadly-force': requirement('require a verbal warning before deadly force where feasible', 'encourage a warning before deadly force without requiring it', 'set no rule on warning before deadly force'),
  'moving-vehicles': restriction('prohibit shooting at moving vehicles (unless someone in it threatens deadly force by other means)', 'restrict shooting at moving vehicles but still allow the vehicle itself to be the threat', 'set no rule on shooting at moving vehicles'),
  'warning-shots': restriction('prohibit warning shots', 'allow warning shots under conditions', 'set no rule on warning shots'),
  'medical-aid': requirement('require medical aid to be rendered or summoned after force or injury', 'encourage medical aid without a firm duty', 'set no rule on medical aid after force'),
  'force-ends-under-control': requirement('require force to stop or be reduced once the person is under control', 'encourage reducing force once the person is under control, without requiring it', 'set no rule on ending force once the person is under control'),
  'exhaust-alternatives': requirement('require other reasonable means to be exhausted before deadly force', 'encourage considering alternatives to deadly force without requiring it', 'set no rule on exhausting alternatives before deadly force'),
  'comprehensive-reporting': {
    all_force_incl_pointing: { status: 'met', says: 'require every use of force to be reported, pointing a firearm included' },
    partial: { status: 'partially_met', says: 'require force to be reported, but not the pointing of a firearm' },
    not_addressed: { status: 'not_met', says: 'set no rule on reporting force' },
  },
  'force-continuum': {
    present: { status: 'met', says: 'set out a force continuum or model tying levels of resistance to the force allowed' },
    absent: { status: 'not_met', says: 'set out no force continuum or graded model' },
  },
  'no-knock-warrants': restriction('prohibit no-knock warrants', 'allow no-knock entries only with authorization or in named circumstances', 'set no rule on no-knock warrants'),
  'early-intervention': {
    established: { status: 'met', says: 'establish an early intervention system with indicators and supervisory review' },
    not_addressed: { status: 'not_met', says: 'establish no early intervention system' },
  },
};

function requirement(required: string, encouraged: string, none: string) {
  return { required: { status: 'met' as const, says: required }, encouraged: { status: 'partially_met' as const, says: encouraged }, not_addressed: { status: 'not_met' as const, says: none } };
}
function restriction(prohibited: string, restricted: string, none: string) {
  return { prohibited: { status: 'met' as const, says: prohibited }, restricted: { status: 'partially_met' as const, says: restricted }, not_addressed: { status: 'not_met' as const, says: none } };
}

const words = (stance: string) => (stance === NO_TEXT ? 'no text: needs OCR' : stance.replace(/_/g, ' '));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "205-P Use of Force, p. 4; 205-P Use of Force, pp. 7–8": each passage once, in page order. */
export function citeEvidence(title: string, evidence: readonly Pick<Evidence, 'page' | 'endPage'>[]): string {
  const seen = new Set<string>();
  return [...evidence]
    .sort((a, b) => a.page - b.page)
    .map((e) => citePages(title, e.page, e.endPage))
    .filter((c) => (seen.has(c) ? false : (seen.add(c), true)))
    .join('; ');
}

export interface SuggestOptions {
  /** How many documents the case has (for "none of the case's 3 documents"). */
  documents: number;
  /** Documents not yet read by the pre-review: the suggestion may change when they are. */
  pending?: number;
  /** Documents read in part: pages without text where the rule was not found in the rest (finding.unreadPages). */
  unreadPages?: Array<{ title: string; pages: number[] }>;
  /** Documents the pre-review could not read (their rules are unknown). */
  failed?: string[];
  /** The case's stances of other rules the item names, described after the first (vascular beside chokehold). */
  also?: Array<{ ruleId: RuleId; finding: CaseRuleFinding }>;
}

export function suggestDetermination(ruleId: RuleId, finding: CaseRuleFinding, opts: SuggestOptions): Suggestion {
  const rule = RULES[ruleId];
  const meaning = MEANING[ruleId][finding.stance];
  const lines: string[] = [];
  let status: DeterminationStatus;
  let noRuleFound = false;
  const d = finding.decidedBy;
  const evidence = d ? d.evidence.map((e) => ({ documentId: d.documentId, page: e.page, endPage: e.endPage, quote: e.quote })) : [];

  if (finding.stance === NO_TEXT) {
    status = 'needs_information';
    lines.push(`No document of the case has text that could be read (${finding.unread.join('; ')}): scanned pages without text, so the policies cannot be read for this item until OCR reads them or a person reads the images.`);
  } else if (!d) {
    const partly = opts.unreadPages?.filter((u) => u.pages.length > 0) ?? [];
    if (finding.unread.length === 0 && partly.length > 0) {
      // Not found in the text is not "not addressed" while pages of it are scans.
      status = 'needs_information';
      const where = partly.map((u) => `${u.title} (${plural(u.pages.length, 'page')}: ${u.pages.length > 6 ? `${u.pages.slice(0, 6).join(', ')}, …` : u.pages.join(', ')})`).join('; ');
      lines.push(`The text of the case's policies does not address this item, but some pages have no text (scanned, not read by OCR): ${where}. Read them before deciding.`);
    } else if (finding.unread.length > 0) {
      status = 'needs_information';
      lines.push(`The text of the case's documents does not address this item, but ${plural(finding.unread.length, 'document')} could not be read (scanned, no text: ${finding.unread.join('; ')}). Read them before deciding.`);
    } else {
      status = meaning?.status ?? 'needs_information';
      noRuleFound = status === 'not_met';
      lines.push(`The case's policies (${plural(opts.documents, 'document')}) ${meaning ? meaning.says : `read as ${words(finding.stance)}`}.`);
    }
  } else if (finding.describedOnly) {
    status = 'needs_information';
    lines.push(`Only a document that directs nobody (${d.title}, described, not directed) says the policies ${meaning?.says ?? words(finding.stance)}: ${citeEvidence(d.title, d.evidence)}. Ask the agency for the directive itself.`);
  } else {
    status = meaning?.status ?? 'needs_information';
    const cites = citeEvidence(d.title, d.evidence);
    lines.push(`The policies ${meaning?.says ?? `read as ${words(finding.stance)}`}: ${cites || d.title}.`);
    if (finding.unread.length > 0) lines.push(`${plural(finding.unread.length, 'document')} could not be read (scanned, no text: ${finding.unread.join('; ')}); ${rule.kind === 'prohibition' ? 'a more permissive rule there would change this' : 'they may hold a rule too'}.`);
  }
  if (finding.conflicts.length > 0) {
    const others = finding.conflicts.map((c) => `${c.title} reads as ${words(c.stance)}`).join('; ');
    lines.push(`Conflict between documents: ${d ? `${d.title} reads as ${words(finding.stance)}, while ` : ''}${others}.${rule.kind === 'prohibition' ? ' The most permissive rule governs what an officer may do.' : ''}`);
  }
  for (const a of opts.also ?? []) {
    const m = MEANING[a.ruleId][a.finding.stance];
    const ad = a.finding.decidedBy;
    const where = ad ? `: ${citeEvidence(ad.title, ad.evidence) || ad.title}` : '';
    lines.push(`${RULE_LABEL[a.ruleId]}: ${m ? `the policies ${m.says}` : words(a.finding.stance)}${a.finding.describedOnly ? ' (described, not directed)' : ''}${where}.`);
  }
  if (opts.failed?.length) lines.push(`The pre-review could not read ${opts.failed.join('; ')}: read ${opts.failed.length === 1 ? 'it' : 'them'} before deciding.`);
  if (opts.pending) lines.push(`${plural(opts.pending, 'document')} of the case ${opts.pending === 1 ? 'is' : 'are'} still being read; this suggestion may change.`);
  const evidenceStance = status === 'met' || status === 'partially_met' ? 'supports' : status === 'not_met' ? 'contradicts' : 'context';
  return { ruleId, status, rationale: lines.join(' '), evidence, evidenceStance, noRuleFound };
}

/** How a rule is named in prose. */
export const RULE_LABEL: Record<RuleId, string> = {
  chokehold: 'Chokeholds',
  vascular: 'Vascular neck restraints (not chokeholds under the order’s airway definition)',
  'de-escalation': 'De-escalation',
  'duty-to-intervene': 'Duty to intervene',
  'warning-before-deadly-force': 'Warning before deadly force',
  'moving-vehicles': 'Shooting at moving vehicles',
  'warning-shots': 'Warning shots',
  'medical-aid': 'Medical aid',
  'force-ends-under-control': 'Force ends once under control',
  'exhaust-alternatives': 'Exhausting alternatives',
  'comprehensive-reporting': 'Reporting of force',
  'force-continuum': 'Force continuum',
  'no-knock-warrants': 'No-knock warrants',
  'early-intervention': 'Early intervention system',
};

/**
 * How an accepted passage bears on an item: a rule meeting the item supports it, one failing it
 * contradicts; a vascular finding is context for the airway rule (the lint's long-standing reading).
 */
export function passageStance(ruleId: RuleId, stance: string): 'supports' | 'contradicts' | 'context' {
  if (ruleId === 'vascular') return 'context';
  const m = MEANING[ruleId][stance];
  return !m ? 'context' : m.status === 'not_met' ? 'contradicts' : 'supports';
}
