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
import { createPrereviewStore, type DocumentKey } from './store.ts';
import { createPrereviewPool, PrereviewFailed, SOURCE_PREREVIEW_WORKER_PATH, type PrereviewLimits } from './prereview-pool.ts';
import { ocrReadPages, ocrUnreadPages, scannerTextPages } from '../ocr/ocr-read-pages.ts';

type Decision = { document_id: string; category: string; page: number; quote: string; decision: 'accepted' | 'dismissed'; reason: string; annotation_id: string | null };

/** Where a document stands: read (its result), being read by the worker, or failed to read. */
type DocState = { result: DocumentPrereview } | { pending: true } | { error: string };

export interface PrereviewOptions {
  workerPath?: string;
  limits?: PrereviewLimits;
}

export function createPrereview(ctx: ServiceContext, cases: CasesService, checklist: ChecklistService, annotations: AnnotationsService, opts: PrereviewOptions = {}) {
  const { db } = ctx;
  const store = createPrereviewStore(ctx);
  const pool = createPrereviewPool(opts.workerPath ?? SOURCE_PREREVIEW_WORKER_PATH, opts.limits);
  let closed = false;
  // Documents the worker is reading, with the cases waiting for them (each told as it finishes).
  const inflight = new Map<string, { hash: string; promise: Promise<DocumentPrereview>; cases: Set<string> }>();
  // Documents that could not be read, for this text: not tried again this session.
  const failed = new Map<string, { hash: string; message: string }>();

  function emitProgress(caseId: string) {
    if (closed) return;
    const ids = caseDocs(caseId).map((d) => d.id);
    const reading = ids.filter((id) => inflight.has(id)).length;
    ctx.emit('prereview.progress', { caseId, done: ids.length - reading, total: ids.length });
  }

  /** Starts the worker on a document (or joins the reading under way) and stores what it finds. */
  function schedule(documentId: string, input: DocumentKey, caseId: string | null): Promise<DocumentPrereview> {
    const running = inflight.get(documentId);
    if (running && running.hash === input.hash) {
      if (caseId) running.cases.add(caseId);
      return running.promise;
    }
    const waiting = new Set(caseId ? [caseId] : []);
    // The text is read here, in main, and posted: the worker opens no database.
    const promise = pool
      .run(store.pages(documentId), input.fileName)
      .then(
        (result) => {
          if (!closed) store.save(documentId, input.hash, result);
          return result;
        },
        (err: unknown) => {
          const title = closed ? '' : (db.prepare<[string], { title: string }>('SELECT title FROM documents WHERE id = ?').get(documentId)?.title ?? documentId);
          const message = `${title} could not be pre-reviewed: ${err instanceof PrereviewFailed ? err.message : String(err)}.`;
          if (!closed) failed.set(documentId, { hash: input.hash, message });
          throw new ServiceError('internal', message);
        },
      )
      .finally(() => {
        if (inflight.get(documentId)?.promise === promise) inflight.delete(documentId);
        for (const c of waiting) emitProgress(c);
      });
    promise.catch(() => {}); // a failure is recorded above and shown in forCase; nobody need await it
    inflight.set(documentId, { hash: input.hash, promise, cases: waiting });
    return promise;
  }

  /** The document's stored result, or the worker started on it (pending), or why it could not be read. */
  function stateOf(documentId: string, caseId: string | null): DocState {
    const input = store.keyOf(documentId);
    const result = store.lookup(documentId, input.hash);
    if (result) return { result };
    const f = failed.get(documentId);
    if (f && f.hash === input.hash) return { error: f.message };
    schedule(documentId, input, caseId);
    return { pending: true };
  }

  /** Waits until every document of the case is read (or failed): the CLI and tests want the whole answer. */
  async function settle(caseId: string): Promise<void> {
    for (;;) {
      const waits = caseDocs(caseId)
        .map((d) => stateOf(d.id, caseId))
        .filter((s) => 'pending' in s);
      if (waits.length === 0) return;
      await Promise.allSettled(caseDocs(caseId).flatMap((d) => (inflight.has(d.id) ? [inflight.get(d.id)!.promise] : [])));
    }
  }

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

  /** Every document's state, the worker started on those not yet read. */
  function caseStates(caseId: string) {
    return caseDocs(caseId).map((d) => ({ documentId: d.id, title: d.title, state: stateOf(d.id, caseId) }));
  }
  const readDocs = (states: ReturnType<typeof caseStates>): CaseDocument[] => states.flatMap((d) => ('result' in d.state ? [{ documentId: d.documentId, title: d.title, result: d.state.result }] : []));

  function decisionsOf(caseId: string) {
    const rows = db.prepare<[string], Decision>('SELECT document_id, category, page, quote, decision, reason, annotation_id FROM lint_decisions WHERE case_id = ?').all(caseId);
    const byKey = new Map(rows.map((r) => [`${r.document_id}\u0000${r.category}\u0000${r.page}\u0000${r.quote}`, r]));
    return (documentId: string, rule: string, page: number, quote: string) => byKey.get(`${documentId}\u0000${rule}\u0000${page}\u0000${quote}`);
  }

  function suggestionsOf(caseId: string, docs: CaseDocument[], pending: number, failedTitles: string[] = []) {
    const agg = aggregateCase(docs);
    const seen = new Set<string>();
    const adoptedRows = db.prepare<[string], { item_id: string }>("SELECT item_id FROM determinations WHERE case_id = ? AND adopted_from IS NOT NULL").all(caseId);
    const adopted = new Set(adoptedRows.map((r) => r.item_id));
    const out = [];
    for (const item of checklist.packFor(caseId).items) {
      const [first, ...rest] = itemRules(item);
      if (!first || seen.has(item.id)) continue;
      seen.add(item.id);
      const s = suggestDetermination(first, agg[first], {
        documents: docs.length,
        pending,
        failed: failedTitles,
        unreadPages: docs.flatMap((d) => (d.result.rules[first]?.unreadPages?.length ? [{ title: d.title, pages: d.result.rules[first].unreadPages! }] : [])),
        also: rest.map((r) => ({ ruleId: r, finding: agg[r] })),
      });
      out.push({ item, suggestion: s, adopted: adopted.has(item.id) });
    }
    return { agg, suggestions: out };
  }

  function findPassage(caseId: string, documentId: string, rule: RuleId) {
    const linked = db.prepare('SELECT 1 FROM case_documents WHERE case_id = ? AND document_id = ?').get(caseId, documentId);
    if (!linked) throw new ServiceError('not_found', `Document ${documentId} is not in this case.`);
    // A finding is decided after forCase showed it, so the result is stored; read it here if not.
    const result = store.read(documentId) ?? store.compute(documentId);
    return result.rules[rule];
  }

  // The reviewer's own highlight of the same words (or of words holding them, or held by them) on
  // the same page: accepting the finding links it instead of adding the passage a second time.
  const squash = (q: string) => q.replace(/…$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
  const highlightsOnPage = db.prepare<[string, string, number, number], { id: string; quote: string }>(
    `SELECT id, quote FROM annotations WHERE case_id = ? AND document_id = ? AND status = 'active' AND page_from <= ? AND page_to >= ? ORDER BY created_at`,
  );
  const linkedItems = db.prepare<[string], { item_id: string }>('SELECT item_id FROM annotation_items WHERE annotation_id = ?');
  function sameWords(caseId: string, documentId: string, page: number, endPage: number, quote: string) {
    const q = squash(quote);
    if (!q) return undefined;
    return highlightsOnPage.all(caseId, documentId, page - 1, Math.max(page, endPage) - 1).find((h) => {
      const hq = squash(h.quote);
      return hq.length > 0 && (hq.includes(q) || q.includes(hq));
    });
  }

  /** Accepts one passage: a highlight on its page (or the one already there), evidence on the item naming its rule. */
  function accept(caseId: string, documentId: string, rule: RuleId, e: { page: number; endPage: number; quote: string; reason: string }, stance: string, notePrefix: string): string {
    const item = itemFor(caseId, rule);
    if (!item) throw new ServiceError('conflict', `This case’s checklist has no item naming the ${rule} rule to attach the finding to.`);
    const existing = sameWords(caseId, documentId, e.page, e.endPage, e.quote);
    if (existing) {
      const linked = linkedItems.all(existing.id).map((r) => r.item_id);
      // Its stance and note are the reviewer's own: kept as they are.
      if (!linked.includes(item)) annotations.update({ id: existing.id, itemIds: [...linked, item] });
      return existing.id;
    }
    const a = annotations.create({
      caseId,
      documentId,
      page: e.page,
      endPage: e.endPage > e.page ? e.endPage : undefined,
      quote: e.quote.endsWith('…') ? e.quote.slice(0, -1) : e.quote,
      itemIds: [item],
      criteria: [],
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
    /** Every rule for each of a case's documents, read back or read by the worker now: the CLI's `prereview --case`. */
    async prereviewCase(caseId: string) {
      cases.get(caseId);
      await settle(caseId);
      return caseDocs(caseId).map((d) => {
        const s = stateOf(d.id, caseId);
        if ('result' in s) return { documentId: d.id, title: d.title, sha256: d.sha256, result: s.result };
        return { documentId: d.id, title: d.title, sha256: d.sha256, error: 'error' in s ? s.error : `${d.title} is still being read.` };
      });
    },
    /** Resolves when every document of the case has been read (or failed). */
    settle,
    /** Starts the worker on the case's documents that have no stored result for this rule version (after an import). */
    warm(caseId: string) {
      const unread = db
        .prepare<[string, string], { id: string }>('SELECT cd.document_id AS id FROM case_documents cd WHERE cd.case_id = ? AND NOT EXISTS (SELECT 1 FROM prereview_results r WHERE r.document_id = cd.document_id AND r.rules_version = ?)')
        .all(caseId, store.rulesVersion);
      for (const d of unread) stateOf(d.id, caseId);
      if (unread.length) emitProgress(caseId);
    },
    /** One document's result, read back or read now on this thread (a decision on a finding forCase showed). */
    resultOf(documentId: string): DocumentPrereview {
      documentTitle(documentId);
      return store.read(documentId) ?? store.compute(documentId);
    },
    /** One document's result, read back or read by the worker. */
    async resultAsync(documentId: string): Promise<DocumentPrereview> {
      documentTitle(documentId);
      const s = stateOf(documentId, null);
      if ('result' in s) return s.result;
      if ('error' in s) throw new ServiceError('internal', s.error);
      return inflight.get(documentId)!.promise;
    },
    forCase(caseId: string) {
      cases.get(caseId);
      const docs = caseStates(caseId);
      const decided = decisionsOf(caseId);
      const ready = readDocs(docs);
      const ocrPages = ocrReadPages(db);
      const scannerPages = scannerTextPages(db);
      const unreadByOcr = ocrUnreadPages(db);
      const pending = docs.filter((d) => 'pending' in d.state).length;
      const failedTitles = docs.flatMap((d) => ('error' in d.state ? [d.title] : []));
      const { agg, suggestions } = suggestionsOf(caseId, ready, pending, failedTitles);
      return {
        rulesVersion: RULES_VERSION,
        progress: { done: docs.length - pending, total: docs.length },
        items: itemsOf(caseId).map(({ itemId, title, ruleId }) => ({ itemId, title, ruleId })),
        documents: docs.map(({ documentId, title, state }) => {
          const result = 'result' in state ? state.result : null;
          const ocrRead = ocrPages(documentId);
          const scannerRead = scannerPages(documentId);
          const notRead = result && result.pagesWithoutText.length ? unreadByOcr(documentId) : { waiting: [], failed: [], stopped: [], empty: [] };
          return {
          documentId,
          title,
          isDirective: result ? result.isDirective : true,
          pending: 'pending' in state,
          ...('error' in state ? { error: state.error } : {}),
          pagesWithoutText: result ? result.pagesWithoutText : [],
          ocrFailedPages: notRead.failed,
          ocrStoppedPages: notRead.stopped,
          ocrEmptyPages: notRead.empty,
          rules: !result
            ? {}
            : Object.fromEntries(
                RULE_IDS.map((id) => {
                  const f = result.rules[id];
                  return [
                    id,
                    {
                      stance: f.stance,
                      evidence: f.evidence.map((e) => {
                        const dec = decided(documentId, id, e.page, e.quote);
                        return { page: e.page, endPage: e.endPage, quote: e.quote, reason: e.reason, decision: dec?.decision ?? null, decisionReason: dec?.reason ?? '', annotationId: dec?.annotation_id ?? null, ocr: ocrRead.has(e.page) || ocrRead.has(e.endPage), scannerText: scannerRead.has(e.page) || scannerRead.has(e.endPage) };
                      }),
                      mentions: f.mentions,
                      unreadPages: f.unreadPages ?? [],
                    },
                  ];
                }),
              ),
          };
        }),
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
      const states = caseStates(input.caseId);
      const pending = states.filter((d) => 'pending' in d.state).length;
      if (pending > 0) throw new ServiceError('conflict', `The pre-review is still reading ${pending} document${pending > 1 ? 's' : ''} of this case; its suggestion may change. Adopt it when the reading is done.`);
      const docs = readDocs(states);
      const { suggestions } = suggestionsOf(input.caseId, docs, 0, states.flatMap((d) => ('error' in d.state ? [d.title] : [])));
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
    close() {
      closed = true;
      pool.close();
    },
  };
}
export type Prereview = ReturnType<typeof createPrereview>;
