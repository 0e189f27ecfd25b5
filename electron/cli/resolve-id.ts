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
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'IdError';
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
