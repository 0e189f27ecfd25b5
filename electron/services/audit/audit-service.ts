// The tamper-evident audit trail: every change to a case appended with actor, time, action,
// entity and a hash of the new state, each entry's hash covering the previous entry's hash.
// Editing, deleting or reordering any entry breaks the chain at that point.
import crypto from 'node:crypto';
import type { ServiceContext } from '../context.ts';

export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  caseId: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  stateHash: string;
  prevHash: string;
  hash: string;
}

/** JSON with sorted keys, so the same state always hashes the same. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** The hash an entry records of the state a change left: history compares current rows with it. */
export const stateHashOf = (state: unknown): string => sha(canonical(state));

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha(canonical([e.caseId, e.seq, e.at, e.actor, e.action, e.entity, e.entityId, e.stateHash, e.prevHash]));
}

export type AuditProblem = { seq: number; problem: string };

/** Checks a chain as stored (or as exported to audit.jsonl): the first problem found, if any. */
export function verifyChain(entries: AuditEntry[]): AuditProblem | null {
  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== i + 1) return { seq: e.seq, problem: `entry ${i + 1} is missing or out of order (found sequence number ${e.seq})` };
    if (e.prevHash !== prev) return { seq: e.seq, problem: `entry ${e.seq} does not follow the entry before it (an entry was deleted, inserted or reordered)` };
    if (entryHash(e) !== e.hash) return { seq: e.seq, problem: `entry ${e.seq} was edited after it was written (its hash does not match its content)` };
    prev = e.hash;
  }
  return null;
}

interface Row {
  case_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  state_hash: string;
  prev_hash: string;
  hash: string;
}
const toEntry = (r: Row): AuditEntry => ({ caseId: r.case_id, seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, stateHash: r.state_hash, prevHash: r.prev_hash, hash: r.hash });

export function createAudit(ctx: ServiceContext) {
  const { db } = ctx;
  const lastEntry = db.prepare<[string], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE case_id = ? ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO audit_log (case_id, seq, at, actor, action, entity, entity_id, state_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return {
    /**
     * Appends one entry. The sequence number and previous hash are read under the write lock:
     * inside the caller's IMMEDIATE transaction (so the entry commits or rolls back with the
     * change it records), or in a transaction of its own when there is none. Read outside the
     * lock, two processes would take the same number and one change would lose its entry.
     */
    append(caseId: string, actor: string, action: string, entity: string, entityId: string, state: unknown): AuditEntry {
      const write = (): AuditEntry => {
        const last = lastEntry.get(caseId);
        const e = { caseId, seq: (last?.seq ?? 0) + 1, at: ctx.now().toISOString(), actor, action, entity, entityId, stateHash: stateHashOf(state), prevHash: last?.hash ?? GENESIS };
        const hash = entryHash(e);
        insert.run(e.caseId, e.seq, e.at, e.actor, e.action, e.entity, e.entityId, e.stateHash, e.prevHash, hash);
        return { ...e, hash };
      };
      return db.inTransaction ? write() : db.transaction(write).immediate();
    },
    list(caseId: string): AuditEntry[] {
      // In rowid order, as written: reordering shows up as a broken chain, not a sorted-away one.
      return db.prepare<[string], Row>('SELECT * FROM audit_log WHERE case_id = ? ORDER BY rowid').all(caseId).map(toEntry);
    },
    verify(caseId: string) {
      const entries = this.list(caseId);
      const problem = verifyChain(entries);
      return { ok: problem === null, entries: entries.length, head: entries.at(-1)?.hash ?? GENESIS, problem: problem?.problem ?? null };
    },
  };
}
export type Audit = ReturnType<typeof createAudit>;
