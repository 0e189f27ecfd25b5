// The pre-review of a case: every rule of PREREVIEW.md over each of its documents, the case's
// stance per rule, a suggested determination per item, and the reviewer's decisions on each
// finding. Credence suggests; the reviewer accepts, dismisses or adopts — nothing is decided here
// without a call from a person.
import type { ParsedInput } from '../../../shared/contract.ts';
import { aggregateCase, type CaseDocument, type CaseRuleFinding } from '../../../shared/domain/prereview/case.ts';
import { RULES_VERSION } from '../../../shared/domain/prereview/rules/index.ts';
import { passageStance, suggestDetermination } from '../../../shared/domain/prereview/suggest.ts';
import { RULE_IDS, type DocumentPrereview, type RuleId } from '../../../shared/domain/prereview/types.ts';
import { itemRules, type DeterminationRecord } from '../../../shared/schemas/checklist.ts';
import { ServiceError } from '../../../shared/result.ts';
import type { AnnotationsService } from '../annotations/annotations-service.ts';
import type { CasesService } from '../cases/cases-service.ts';
import type { ChecklistService } from '../checklists/checklist-service.ts';
import type { ServiceContext } from '../context.ts';
import { createPrereviewStore } from './store.ts';

type Decision = { document_id: string; category: string; page: number; quote: string; decision: 'accepted' | 'dismissed'; reason: string; annotation_id: string | null };

export function createPrereview(ctx: ServiceContext, cases: CasesService, checklist: ChecklistService, annotations: AnnotationsService) {
  const { db } = ctx;
  const store = createPrereviewStore(ctx);

  const caseDocs = (caseId: string) =>
    db.prepare<[string], { id: string; title: string; sha256: string }>('SELECT d.id, d.title, d.sha256 FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? ORDER BY d.title, d.id').all(caseId);

  /** The case pack's items that name a rule, one row per rule, in pack order. */
  const itemsOf = (caseId: string) =>
    checklist.packFor(caseId).items.flatMap((item) => itemRules(item).map((ruleId) => ({ itemId: item.id, title: item.title, ruleId, item })));

  /** Which item a rule's accepted findings become evidence on: the first naming it (the chokehold item for the lint's two). */
  const itemFor = (caseId: string, rule: RuleId): string | null => {
    const items = checklist.packFor(caseId).items;
    return items.find((i) => itemRules(i).includes(rule))?.id ?? (rule === 'chokehold' || rule === 'vascular' ? (items.find((i) => i.lint === 'chokehold')?.id ?? null) : null);
  };

  function documentTitle(documentId: string): string {
    const t = db.prepare<[string], { title: string }>('SELECT title FROM documents WHERE id = ?').get(documentId)?.title;
    if (!t) throw new ServiceError('not_found', `No document ${documentId}.`);
    return t;
  }

  /** Every document's result and the case's aggregate, reading (and storing) any not yet stored. */
  function caseResults(caseId: string): { docs: Array<CaseDocument & { pending: boolean }>; done: number } {
    const docs = caseDocs(caseId).map((d) => {
      const result = store.read(d.id) ?? store.compute(d.id);
      return { documentId: d.id, title: d.title, result, pending: false };
    });
    return { docs, done: docs.length };
  }

  function decisionsOf(caseId: string) {
    const rows = db.prepare<[string], Decision>('SELECT document_id, category, page, quote, decision, reason, annotation_id FROM lint_decisions WHERE case_id = ?').all(caseId);
    const byKey = new Map(rows.map((r) => [`${r.document_id}\u0000${r.category}\u0000${r.page}\u0000${r.quote}`, r]));
    return (documentId: string, rule: string, page: number, quote: string) => byKey.get(`${documentId}\u0000${rule}\u0000${page}\u0000${quote}`);
  }

  function suggestionsOf(caseId: string, docs: CaseDocument[], pending: number) {
    const agg = aggregateCase(docs);
    const seen = new Set<string>();
    const adoptedRows = db.prepare<[string], { item_id: string }>("SELECT item_id FROM determinations WHERE case_id = ? AND adopted_from IS NOT NULL").all(caseId);
    const adopted = new Set(adoptedRows.map((r) => r.item_id));
    const out = [];
    for (const item of checklist.packFor(caseId).items) {
      const [first, ...rest] = itemRules(item);
      if (!first || seen.has(item.id)) continue;
      seen.add(item.id);
      const s = suggestDetermination(first, agg[first], { documents: docs.length, pending, also: rest.map((r) => ({ ruleId: r, finding: agg[r] })) });
      out.push({ item, suggestion: s, adopted: adopted.has(item.id) });
    }
    return { agg, suggestions: out };
  }

  function findPassage(caseId: string, documentId: string, rule: RuleId) {
    const linked = db.prepare('SELECT 1 FROM case_documents WHERE case_id = ? AND document_id = ?').get(caseId, documentId);
    if (!linked) throw new ServiceError('not_found', `Document ${documentId} is not in this case.`);
    const result = store.read(documentId) ?? store.compute(documentId);
    return result.rules[rule];
  }

  /** Accepts one passage: a highlight on its page, evidence on the item naming its rule. */
  function accept(caseId: string, documentId: string, rule: RuleId, e: { page: number; endPage: number; quote: string; reason: string }, stance: string, notePrefix: string): string {
    const item = itemFor(caseId, rule);
    if (!item) throw new ServiceError('conflict', `This case’s checklist has no item naming the ${rule} rule to attach the finding to.`);
    const a = annotations.create({
      caseId,
      documentId,
      page: e.page,
      endPage: e.endPage > e.page ? e.endPage : undefined,
      quote: e.quote.endsWith('…') ? e.quote.slice(0, -1) : e.quote,
      itemIds: [item],
      stance: passageStance(rule, stance),
      note: `${notePrefix} (${rule}): ${stance.replace(/_/g, ' ')} — ${e.reason}`,
    });
    return a.id;
  }

  function record(caseId: string, documentId: string, rule: RuleId, page: number, quote: string, decision: 'accepted' | 'dismissed', reason: string, annotationId: string | null) {
    db.prepare(
      `INSERT INTO lint_decisions (case_id, document_id, category, page, quote, decision, reason, annotation_id, decided_by, decided_at, decided_by_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id, document_id, category, page, quote) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, annotation_id = excluded.annotation_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at, decided_by_fingerprint = excluded.decided_by_fingerprint`,
    ).run(caseId, documentId, rule, page, quote, decision, reason, annotationId, ctx.actor, ctx.now().toISOString(), ctx.actorFingerprint);
  }

  return {
    store,
    /** Every rule for each of a case's documents, read (or read back) now: the CLI's `prereview --case`. */
    prereviewCase(caseId: string) {
      cases.get(caseId);
      return caseDocs(caseId).map((d) => ({ documentId: d.id, title: d.title, sha256: d.sha256, result: store.read(d.id) ?? store.compute(d.id) }));
    },
    /** One document's result, read back or read now (the lint's view of it too). */
    resultOf(documentId: string): DocumentPrereview {
      documentTitle(documentId);
      return store.read(documentId) ?? store.compute(documentId);
    },
    forCase(caseId: string) {
      cases.get(caseId);
      const { docs, done } = caseResults(caseId);
      const decided = decisionsOf(caseId);
      const ready = docs.filter((d) => !d.pending);
      const { agg, suggestions } = suggestionsOf(caseId, ready, docs.length - ready.length);
      return {
        rulesVersion: RULES_VERSION,
        progress: { done, total: docs.length },
        items: itemsOf(caseId).map(({ itemId, title, ruleId }) => ({ itemId, title, ruleId })),
        documents: docs.map((d) => ({
          documentId: d.documentId,
          title: d.title,
          isDirective: d.pending ? true : d.result.isDirective,
          pending: d.pending,
          pagesWithoutText: d.pending ? [] : d.result.pagesWithoutText,
          rules: d.pending
            ? {}
            : Object.fromEntries(
                RULE_IDS.map((id) => {
                  const f = d.result.rules[id];
                  return [
                    id,
                    {
                      stance: f.stance,
                      evidence: f.evidence.map((e) => {
                        const dec = decided(d.documentId, id, e.page, e.quote);
                        return { page: e.page, endPage: e.endPage, quote: e.quote, reason: e.reason, decision: dec?.decision ?? null, decisionReason: dec?.reason ?? '', annotationId: dec?.annotation_id ?? null };
                      }),
                      mentions: f.mentions,
                      unreadPages: f.unreadPages ?? [],
                    },
                  ];
                }),
              ),
        })),
        case: Object.fromEntries(
          RULE_IDS.map((id) => {
            const { decidedBy, ...rest } = agg[id];
            return [id, { ...rest, decidedBy: decidedBy ? { documentId: decidedBy.documentId, title: decidedBy.title } : null }];
          }),
        ) as Record<RuleId, Omit<CaseRuleFinding, 'decidedBy'> & { decidedBy: { documentId: string; title: string } | null }>,
        suggestions: suggestions.map(({ item, suggestion: s, adopted }) => ({
          itemId: item.id,
          ruleId: s.ruleId,
          status: s.status,
          rationale: s.rationale,
          evidence: s.evidence.map((e) => ({ documentId: e.documentId, page: e.page, quote: e.quote })),
          adopted,
        })),
      };
    },
    /** Accept or dismiss one finding of any rule; `notePrefix` keeps the lint's wording for lint.decide. */
    decide(input: ParsedInput<'prereview.decide'>, notePrefix = 'Pre-review'): { annotationId: string | null } {
      const c = cases.get(input.caseId);
      if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it to act on pre-review findings.');
      documentTitle(input.documentId);
      const finding = findPassage(input.caseId, input.documentId, input.rule);
      const passage = finding.evidence.find((e) => e.page === input.page && e.quote === input.quote);
      if (!passage) {
        const pages = [...new Set(finding.evidence.map((e) => e.page))];
        throw new ServiceError('not_found', `That passage is not among the pre-review’s current findings for ${input.rule} in this document${pages.length ? ` (they are on page${pages.length > 1 ? 's' : ''} ${pages.join(', ')})` : ' (it has none)'}. Reload the pre-review and choose a passage it shows.`, { quote: 'Not a current finding.' });
      }
      if (input.decision === 'dismissed' && !input.reason.trim()) throw new ServiceError('invalid_input', 'Say why you dismiss this finding.', { reason: 'A reason is required.' });
      const annotationId = input.decision === 'accepted' ? accept(input.caseId, input.documentId, input.rule, passage, finding.stance, notePrefix) : null;
      record(input.caseId, input.documentId, input.rule, input.page, input.quote, input.decision, input.reason, annotationId);
      return { annotationId };
    },
    /**
     * Records an item's suggested determination — as suggested, or with the reviewer's rationale
     * or status — accepting the suggestion's passages as highlights where not yet accepted. The
     * caller runs it in one write transaction with its audit entry.
     */
    adopt(input: ParsedInput<'prereview.adopt'>): { record: DeterminationRecord; edited: boolean } {
      const c = cases.get(input.caseId);
      if (c.archived) throw new ServiceError('conflict', 'This case is archived. Restore it to record determinations.');
      const item = checklist.packFor(input.caseId).items.find((i) => i.id === input.itemId);
      if (!item) throw new ServiceError('not_found', `No checklist item ${input.itemId} in this case's pack.`);
      const rules = itemRules(item);
      if (rules.length === 0) throw new ServiceError('invalid_input', `“${item.title}” names no pre-review rule, so there is no suggestion to adopt. Record its determination yourself.`, { itemId: 'No suggestion for this item.' });
      const { docs } = caseResults(input.caseId);
      const pending = docs.filter((d) => d.pending).length;
      if (pending > 0) throw new ServiceError('conflict', `The pre-review is still reading ${pending} document${pending > 1 ? 's' : ''} of this case; its suggestion may change. Adopt it when the reading is done.`);
      const { suggestions } = suggestionsOf(input.caseId, docs, 0);
      const s = suggestions.find((x) => x.item.id === item.id)!.suggestion;
      const decided = decisionsOf(input.caseId);
      const evidenceIds: string[] = [];
      for (const e of s.evidence) {
        const prior = decided(e.documentId, s.ruleId, e.page, e.quote);
        if (prior?.decision === 'accepted' && prior.annotation_id) {
          const live = db.prepare<[string], { status: string }>('SELECT status FROM annotations WHERE id = ?').get(prior.annotation_id);
          if (live && live.status !== 'deleted') {
            evidenceIds.push(prior.annotation_id);
            continue;
          }
        }
        const reason = docs.find((d) => d.documentId === e.documentId)!.result.rules[s.ruleId].evidence.find((x) => x.page === e.page && x.quote === e.quote)!.reason;
        const id = accept(input.caseId, e.documentId, s.ruleId, { ...e, reason }, docs.find((d) => d.documentId === e.documentId)!.result.rules[s.ruleId].stance, 'Pre-review');
        record(input.caseId, e.documentId, s.ruleId, e.page, e.quote, 'accepted', '', id);
        evidenceIds.push(id);
      }
      const status = input.status ?? s.status;
      const rationale = input.rationale ?? s.rationale;
      const edited = status !== s.status || rationale !== s.rationale;
      const det = checklist.determine({ caseId: input.caseId, itemId: item.id, status, rationale, noRuleFound: s.noRuleFound && status === 'not_met', evidenceIds });
      db.prepare('UPDATE determinations SET adopted_from = ? WHERE case_id = ? AND item_id = ?').run(edited ? 'edited' : 'suggested', input.caseId, item.id);
      return { record: det, edited };
    },
  };
}
export type Prereview = ReturnType<typeof createPrereview>;
