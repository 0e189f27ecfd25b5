// Which process reads which pending page. The desktop app and the command line may have the same
// workspace open at once, and each reads pending pages in the background: without a claim both
// would read the same page (on two cores, half the speed each) and one reading would be thrown
// away. A process claims a page in the write transaction that picks it (013_ocr_claims), renews
// the claim as the page moves on, and lets it go when the page is stored, fails, is stopped, or
// the workspace closes. A claim is free to take when its process has ended (a crash), or when it
// has not been renewed within the lease (a process that hangs, or a process id used again).
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { pidAlive } from '../workspace-folder.ts';

/** Claim owners alive in this process: tests open one workspace twice in one process. */
const liveHere = new Set<string>();

/** Whether the process that made this claim is still there ("pid:token"). */
function ownerAlive(owner: string): boolean {
  const pid = Number(owner.slice(0, owner.indexOf(':')));
  if (pid === process.pid) return liveHere.has(owner);
  return pidAlive(pid);
}

export interface PageKey {
  document_id: string;
  page_index: number;
}

export function createPageClaims(db: Database.Database, opts: { now: () => number; leaseMs: number }) {
  const owner = `${process.pid}:${crypto.randomBytes(6).toString('hex')}`;
  liveHere.add(owner);
  const othersPending = db.prepare<[string], { o: string }>(
    `SELECT DISTINCT claim_owner AS o FROM page_ocr WHERE status = 'pending' AND claim_owner IS NOT NULL AND claim_owner != ?`,
  );
  const freeAllOf = db.prepare('UPDATE page_ocr SET claim_owner = NULL, claimed_at = NULL WHERE claim_owner = ?');
  const claim = db.prepare('UPDATE page_ocr SET claim_owner = ?, claimed_at = ? WHERE document_id = ? AND page_index = ?');
  const renewOne = db.prepare('UPDATE page_ocr SET claimed_at = ? WHERE document_id = ? AND page_index = ? AND claim_owner = ?');
  const freeOne = db.prepare('UPDATE page_ocr SET claim_owner = NULL, claimed_at = NULL WHERE document_id = ? AND page_index = ? AND claim_owner = ?');
  const heldElsewhere = db.prepare<[string, number], PageKey & { o: string }>(
    `SELECT document_id, page_index, claim_owner AS o FROM page_ocr
     WHERE status = 'pending' AND claim_owner IS NOT NULL AND claim_owner != ? AND claimed_at >= ?`,
  );

  return {
    owner,
    /**
     * SQL that keeps a pending page this process may take: unclaimed, its own, or a claim left to
     * lapse. Bound as @me and @lapsed.
     */
    takeable: `(o.claim_owner IS NULL OR o.claim_owner = @me OR o.claimed_at < @lapsed)`,
    /** The parameters `takeable` needs, as of now. */
    params: () => ({ me: owner, lapsed: opts.now() - opts.leaseMs }),
    /**
     * Claims the pages `pick` chooses, in the caller's write transaction. Claims of processes that
     * have ended are freed first, so a restart after a crash does not wait out their lease.
     */
    /** Whether a process that has ended left pending pages claimed (read without the write lock). */
    anyLeftBehind: (): boolean => othersPending.all(owner).some(({ o }) => !ownerAlive(o)),
    take<T extends PageKey>(pick: () => T[]): T[] {
      for (const { o } of othersPending.all(owner)) if (!ownerAlive(o)) freeAllOf.run(o);
      const rows = pick();
      const at = opts.now();
      for (const r of rows) claim.run(owner, at, r.document_id, r.page_index);
      return rows;
    },
    /** The page is still being read: its claim runs for another lease from now. */
    renew: (page: PageKey) => renewOne.run(opts.now(), page.document_id, page.page_index, owner),
    /** The page is settled (stored, failed, stopped) or given up. */
    release: (page: PageKey) => freeOne.run(page.document_id, page.page_index, owner),
    /** Pending pages another live process is reading now. */
    elsewhere(): PageKey[] {
      const rows = heldElsewhere.all(owner, opts.now() - opts.leaseMs);
      const alive = new Map<string, boolean>();
      return rows.filter((r) => {
        if (!alive.has(r.o)) alive.set(r.o, ownerAlive(r.o));
        return alive.get(r.o);
      });
    },
    /** Lets go of every page this process holds (the workspace closes). */
    releaseAll: () => freeAllOf.run(owner),
    /** This process no longer reads: its claims, if any are left, are free to take at once. */
    end: () => liveHere.delete(owner),
  };
}
export type PageClaims = ReturnType<typeof createPageClaims>;
