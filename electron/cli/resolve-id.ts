// IDs are UUIDs nobody types whole: like git, any unique prefix names the thing. A prefix that
// fits several is refused listing them (exit 2); one that fits nothing says what exists and
// which command lists it (exit 3).
import { EXIT } from './output.ts';

export interface Candidate {
  id: string;
  /** What a person recognises it by: the agency, the title, the name. */
  label: string;
}

export class IdError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'IdError';
    this.exitCode = exitCode;
  }
}

/** Enough of an id to tell it apart in a message. */
export const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

const SHOWN = 5;

function listed(candidates: Candidate[]): string {
  const some = candidates.slice(0, SHOWN).map((c) => `${shortId(c.id)} ${c.label}`);
  const more = candidates.length > SHOWN ? `; and ${candidates.length - SHOWN} more` : '';
  return `${some.join('; ')}${more}`;
}

/**
 * The one id the given text names: an exact id, else the only id starting with it (letters in
 * any case). `kind` is singular ("case"), `plural` its plural, `listCommand` the command that
 * lists them.
 */
export function resolveId(given: string, candidates: Candidate[], what: { kind: string; plural: string; listCommand: string }): string {
  const text = given.trim();
  const exact = candidates.find((c) => c.id === text);
  if (exact) return exact.id;
  const lower = text.toLowerCase();
  const matches = text ? candidates.filter((c) => c.id.toLowerCase().startsWith(lower)) : [];
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length > 1) {
    throw new IdError(`${text} could be ${matches.length} ${what.plural}: ${listed(matches)}. Give more of the id.`, EXIT.usage);
  }
  const known = candidates.length ? ` ${what.plural[0]!.toUpperCase()}${what.plural.slice(1)}: ${listed(candidates)}.` : ` There are no ${what.plural} here.`;
  throw new IdError(`No ${what.kind} ${text || '(empty id)'}.${known} (run \`${what.listCommand}\`)`, EXIT.notFound);
}

/** The id-taking flags, as parsed. */
export interface IdFlags {
  case?: string;
  document?: string;
  identity?: string;
  evidence?: string[];
}

interface Dispatching {
  dispatch(method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>;
  ctx: { db: { prepare(sql: string): { all(): unknown[] } } };
}

const CLI = 'npm run -s credence --';

/**
 * Rewrites each id flag given as a prefix into the full id, in place: the case first, then what
 * lives in it (its documents and highlights), and the identity. Throws IdError.
 */
export async function resolveIdFlags(ws: Dispatching, v: IdFlags): Promise<void> {
  const list = async <T>(method: string, input: unknown): Promise<T[]> => {
    const r = await ws.dispatch(method, input);
    return r.ok ? (r.value as T[]) : [];
  };
  if (v.case !== undefined) {
    const cases = await list<{ id: string; agencyName: string; archived: boolean }>('cases.list', { includeArchived: true });
    v.case = resolveId(v.case, cases.map((c) => ({ id: c.id, label: `${c.agencyName}${c.archived ? ' (archived)' : ''}` })), { kind: 'case', plural: 'cases', listCommand: `${CLI} cases list --all` });
  }
  if (v.identity !== undefined) {
    const ids = await list<{ id: string; name: string; email: string }>('identity.list', {});
    v.identity = resolveId(v.identity, ids.map((i) => ({ id: i.id, label: `${i.name} <${i.email}>` })), { kind: 'identity', plural: 'identities', listCommand: `${CLI} identity list` });
  }
  if (v.document !== undefined) {
    // Every document in the workspace, not only the case's: a removed one can be restored by id
    // (not one still being stored by an import).
    const docs = ws.ctx.db.prepare('SELECT id, title FROM documents WHERE id NOT IN (SELECT document_id FROM document_staging) ORDER BY title, id').all() as Array<{ id: string; title: string }>;
    const listCommand = v.case ? `${CLI} documents --case ${shortId(v.case).replace('…', '')}` : `${CLI} documents --case ID`;
    v.document = resolveId(v.document, docs.map((d) => ({ id: d.id, label: d.title })), { kind: 'document', plural: 'documents', listCommand });
  }
  if (v.evidence?.length && v.case) {
    const highlights = await list<{ id: string; pageFrom: number; documentTitle: string }>('annotations.list', { caseId: v.case });
    const candidates = highlights.map((a) => ({ id: a.id, label: `p. ${a.pageFrom} of ${a.documentTitle}` }));
    v.evidence = v.evidence.map((e) => resolveId(e, candidates, { kind: 'highlight', plural: 'highlights', listCommand: `${CLI} highlights --case ${shortId(v.case!).replace('…', '')}` }));
  }
}
