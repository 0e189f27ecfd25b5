// The `credence` command: the same dispatcher and services as the app, with no window.
// Kept free of process.exit so tests can run it in-process with their own streams.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { lintFile } from '../services/lint/lint-files.ts';
import { totalsLine } from '../../shared/domain/rubric-scoring.ts';
import { runPrereview } from './commands/prereview.ts';
import type { CategoryFinding } from '../../shared/domain/lint/classify.ts';
import type { CaseRubric, ScoreRecord } from '../../shared/schemas/rubric.ts';
import type { Identity } from '../services/identity/identities-service.ts';
import { readPacketFile, UNTRUSTED_HEADLINE, verifyPacket, type Verification } from '../services/packet/verify.ts';
import { fingerprintOf } from '../services/identity/keys.ts';
import { printable } from '../services/trust/printable.ts';
import { ServiceError } from '../../shared/result.ts';
import { DETERMINATION_LABEL, type AnnotationRecord, type CaseChecklist, type DeterminationRecord, type PackSummary } from '../../shared/schemas/checklist.ts';
import { openWorkspace, type Workspace } from '../services/workspace.ts';
import { OCR_MESSAGES, ocrLimitsFromEnv } from '../services/ocr/limits.ts';
import { ACTS } from '../services/identity/acting.ts';
import type { Method } from '../../shared/contract.ts';
import { resolveDataDir } from '../services/data-dir.ts';
import { EXIT, UsageError, unwrap, table, terminalSafe, type Io } from './output.ts';
import type { CaseRecord } from '../../shared/schemas/case.ts';
import { GAP_KINDS, type GapKind, type SignSummary } from '../../shared/schemas/sign-summary.ts';
import type { DocumentListItem, DocumentRecord, ImportFileResult, SearchHit } from '../../shared/schemas/document.ts';
import { IdError, resolveIdFlags, shortId } from './resolve-id.ts';
import { localToday, overdueLabel } from '../../shared/domain/due-date.ts';
import { ocrFailureText, type OcrFailure } from '../../shared/domain/ocr-failure.ts';
import { carriesPasswords } from '../../shared/domain/bundle-passwords.ts';
import { pagesIn, pagesText } from '../../shared/domain/page-runs.ts';
import { askHidden } from './ask-hidden.ts';
import { pdfPassword } from './pdf-password.ts';

export const USAGE = `Usage: npm run -s credence -- <command> [options]

Commands:
  cases list [--all]                         list cases (--all includes archived ones)
  cases create --agency NAME --ori ORI --state XX
               [--type municipal|county|state|tribal|campus|other]
               [--jurisdiction urban|rural] [--due YYYY-MM-DD] [--allow-duplicate-ori]
                                             (a second case for an ORI is refused unless --allow-duplicate-ori)
  cases show --case ID
  cases archive --case ID [--restore]
  cases delete --case ID --confirm "AGENCY NAME"
                                             delete a draft case with nothing decided (it takes its audit
                                             trail with it); archive any other case instead
  import --case ID [--password-stdin] [--no-ocr] FILE.pdf...
                                             import policy PDFs into a case; pages without a text layer
                                             are read by OCR before it returns (--no-ocr leaves them
                                             waiting for the app or the ocr command)
  ocr --case ID [--document ID] [--redo]     read a case's (or one document's) waiting or stopped
                                             scanned pages, and failed ones that may read this time;
                                             --redo reads every OCR page again
  ocr --case ID --document ID --text-layer [--page N[-M]] [--scanner-text]
                                             read pages that have a text layer of their own by OCR
                                             (all, or pages N to M) and use OCR's text instead: for
                                             a scanner's poor OCR layer ("Seotember", "lllinois");
                                             highlights move to the new text; --scanner-text: only
                                             the pages whose text is a scanner's OCR (import names them)
  ocr --case ID --document ID --file-text [--page N[-M]]
                                             put pages read by OCR over their own text back on the
                                             file's text (kept when OCR's replaced it); highlights
                                             move back with the words
  ocr --case ID --document ID --password-stdin
                                             keep the password of an encrypted document imported
                                             before passwords were kept, then read its pages
                                             (--password-stdin: the password is the first line of
                                             standard input, or asked for in a terminal; --password P
                                             works too, but any user of the machine can read P in the
                                             process list, and the shell keeps it in its history)
  documents --case ID                        list a case's documents (title and original file name)
  documents rename --document ID --title "TITLE"
                                             correct a document's title (recorded in every case using it)
  documents remove --case ID --document ID   take a document out of one case (other cases keep it; its
                                             highlights there are kept, marked document-removed)
  documents restore --case ID --document ID  undo a remove: the document and its highlights come back
  highlights --case ID                       the case's highlights with their ids, pages and documents
  search --case ID "QUERY"                   search a case's documents
  checklist --case ID                        the case's checklist: items, determinations, evidence counts
  annotate --case ID --document ID --page N --quote "TEXT" --item ITEM-ID [--item …]
           [--stance supports|contradicts|context] [--note "…"]
                                             highlight a passage (found on that page) as evidence
  determine --case ID --item ITEM-ID --status met|partially_met|not_met|not_applicable|needs_information
            --rationale "TEXT" [--evidence ANNOTATION-ID …] [--no-rule]
                                             record a determination under the app's rules
  rubrics                                    installed rubric packs with their criteria
  score --case ID --rubric RUBRIC-ID --criterion CRITERION-ID --level 0-3 --rationale "TEXT"
        [--evidence ANNOTATION-ID …]
                                             score a criterion as the acting identity
  scores --case ID [--scorer NAME]           the acting identity's own scores, totals and evidence counts
                                             (another scorer's are refused: compare in the app)
  identity create --name NAME --email EMAIL --role reviewer|lead
                                             (passphrase from $CREDENCE_PASSPHRASE or a prompt)
  identity list                              identities on this machine, with key fingerprints
  identity export --identity ID              print the public key (PEM) for the trust roster
  roster import FILE.pem [--name NAME]       trust a review lead's public key
  review submit|approve|return --case ID --identity ID [--comment "…"]
                                             move a case through the workflow
  review sign --case ID --identity ID [--acknowledge undecided-items,unscored-criteria,stale-evidence,contradicted-determinations,unread-pages,scanner-text-evidence | --acknowledge-all]
                                             print what signing covers, then sign (asks for the passphrase);
                                             each gap present must be acknowledged by name
  review summary --case ID                   the gaps a signature would cover, without signing
  review status --case ID                    the case's status, history and who acts next
  export --case ID --out FILE.zip [--force]  write the signed review packet (--force replaces an existing file)
  verify PACKET.zip [--trust KEY.pem|DIR]    check a packet: signature, every file, and whether the
                                             signing key is trusted (the roster, or the keys given)
  audit verify --case ID                     check the case's audit trail is unbroken
  bundle export --case ID --identity ID --out FILE.credence-case [--force]
                                             the whole case in one file for another machine, signed
                                             with your key (passphrase from $CREDENCE_PASSPHRASE or a prompt)
  bundle import FILE.credence-case [--accept-untrusted FINGERPRINT]
                                             take a case (or its later state) from another machine;
                                             refused unless signed by a key in the roster or one of
                                             this workspace's identities, or by the key you accept
  packs                                      installed checklist packs
  packs import FILE.json                     install a checklist pack
  lint FILE.pdf...                           read policies for chokehold and vascular-restraint rules
                                             (works on files outside any case)
  prereview [--case ID] [--json | --csv] [FILE.pdf | FOLDER]...
                                             every pre-review rule (PREREVIEW.md) per document: stance and pages

Options for every command:
  --json             print only JSON on stdout
  --data-dir DIR     the workspace folder (default: $CREDENCE_DATA_DIR, else the app's data folder)
  --identity ID      who acts, for commands that change something (default: $CREDENCE_IDENTITY);
                     unlocked with $CREDENCE_PASSPHRASE, else a prompt in a terminal. Commands that
                     only read need no identity.

IDs: any unique beginning of an id will do, like git (--case 3f2a); a beginning shared by several
is refused listing them (exit 2), one that matches nothing lists what exists (exit 3).

Exit codes: 0 done; 1 failed (for import: any file failed, or OCR could not read a page of it;
for ocr: a page failed; for verify: not valid); 2 bad usage or input;
3 not found; 4 internal error; 5 (verify) valid signature from an unknown key: not the lead's signature.`;

const OPTIONS = {
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  all: { type: 'boolean' },
  agency: { type: 'string' },
  ori: { type: 'string' },
  state: { type: 'string' },
  type: { type: 'string' },
  jurisdiction: { type: 'string' },
  due: { type: 'string' },
  case: { type: 'string' },
  restore: { type: 'boolean' },
  password: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  document: { type: 'string' },
  page: { type: 'string' },
  quote: { type: 'string' },
  item: { type: 'string', multiple: true },
  stance: { type: 'string' },
  note: { type: 'string' },
  status: { type: 'string' },
  rationale: { type: 'string' },
  evidence: { type: 'string', multiple: true },
  'no-rule': { type: 'boolean' },
  rubric: { type: 'string' },
  criterion: { type: 'string' },
  level: { type: 'string' },
  scorer: { type: 'string' },
  identity: { type: 'string' },
  name: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  comment: { type: 'string' },
  out: { type: 'string' },
  trust: { type: 'string' },
  'accept-untrusted': { type: 'string' },
  acknowledge: { type: 'string', multiple: true },
  'acknowledge-all': { type: 'boolean' },
  'allow-duplicate-ori': { type: 'boolean' },
  confirm: { type: 'string' },
  force: { type: 'boolean' },
  title: { type: 'string' },
  'no-ocr': { type: 'boolean' },
  redo: { type: 'boolean' },
  'text-layer': { type: 'boolean' },
  'scanner-text': { type: 'boolean' },
  'file-text': { type: 'boolean' },
} satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export async function runCli(argv: string[], rawIo: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const io = terminalSafe(rawIo);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`credence: ${(err as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  // The lint reads files, not a workspace: it needs no data folder.
  if (positionals[0] === 'lint') return runLint(positionals.slice(1), !!values.json, io);
  if (positionals[0] === 'prereview') return runPrereview(positionals.slice(1), { json: !!values.json, csv: !!values.csv, caseId: values.case, openWorkspace: () => openWorkspace({ dataDir: resolveDataDir(values['data-dir'], env) }) }, io);
  if (positionals[0] === 'verify' && values.trust) return runVerifyWithRoster(positionals[1], values.trust, !!values.json, io);
  let ws: Workspace | null = null;
  try {
    ws = openWorkspace({ dataDir: resolveDataDir(values['data-dir'], env), transport: 'cli', ocr: { limits: ocrLimitsFromEnv(env) } });
    await resolveIdFlags(ws, values);
    const acting = actingIdentity(ws, values.identity || env.CREDENCE_IDENTITY || null, env);
    return await route(acting, positionals, values, io, env);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`credence: ${err.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (err instanceof IdError) {
      if (values.json) io.out(JSON.stringify({ error: { code: err.exitCode === EXIT.notFound ? 'not_found' : 'invalid_input', message: err.message } }));
      io.err(`credence: ${err.message}`);
      return err.exitCode;
    }
    io.err(`credence: ${(err as Error).message}`);
    return EXIT.internal;
  } finally {
    ws?.close();
  }
}

async function runLint(files: string[], json: boolean, io: Io): Promise<number> {
  if (files.length === 0) {
    io.err(`credence: name at least one PDF to lint.\n\n${USAGE}`);
    return EXIT.usage;
  }
  const results = [];
  for (const f of files) results.push(await lintFile(path.resolve(f)));
  const shape = (x: CategoryFinding) => ({ stance: x.stance, evidence: x.evidence.map((e) => ({ page: e.page, quote: e.quote })) });
  if (json) {
    io.out(JSON.stringify(results.map((r, i) => ('error' in r ? { file: files[i], error: r.error } : { file: files[i], sha256: r.sha256, chokehold: shape(r.result.chokehold), vascular: shape(r.result.vascular), isDirective: r.result.isDirective })), null, 2));
  } else {
    for (const r of results) {
      if ('error' in r) {
        io.out(`FAILED    ${r.error}`);
        continue;
      }
      io.out(`${path.basename(r.file)}${r.result.isDirective ? '' : '  [not a directive: reads like a public FAQ]'}`);
      for (const k of ['chokehold', 'vascular'] as const) {
        const f = r.result[k];
        io.out(`  ${k === 'chokehold' ? 'chokehold (airway)' : 'vascular (blood flow)'}: ${f.stance}`);
        for (const e of f.evidence) io.out(`    p${e.page}: ${e.quote}`);
      }
    }
  }
  for (const r of results) if ('error' in r) io.err(`credence: ${r.error}`);
  return results.some((r) => 'error' in r) ? EXIT.failed : EXIT.ok;
}

function reportVerification(x: Verification, json: boolean, io: Io): number {
  if (json) io.out(JSON.stringify(x, null, 2));
  const s = x.signer;
  const claim = s?.claimed ? `The manifest claims the signer is ${printable(s.claimed.name)} <${printable(s.claimed.email)}>: unverified, anyone can write that.` : '';
  if (x.verdict === 'trusted') {
    if (!json) io.out(`AUTHENTIC AND UNALTERED, SIGNED BY A TRUSTED KEY\nSigned by: ${s?.name} (the name your trusted keys give this key)\nKey fingerprint: ${s?.fingerprintGrouped}\nCase ${x.caseId} — ${x.agency}\nSigned on: ${x.createdAt} (by the signer's clock)`);
    return EXIT.ok;
  }
  if (x.verdict === 'untrusted') {
    if (!json)
      io.out(
        `NOT TRUSTED: ${UNTRUSTED_HEADLINE.toLowerCase()}\n${x.reason?.replace(`${UNTRUSTED_HEADLINE}. `, '')}\n${claim}\n` +
          `What to do: if you expect this packet from a review lead, get the lead's public key, check its fingerprint with them by phone, then trust it with\n` +
          `  npm run -s credence -- roster import lead.pub.pem --name "Their Name"     (or pass it with --trust lead.pub.pem)`,
      );
    io.err(`credence: ${UNTRUSTED_HEADLINE.toLowerCase()} (exit ${EXIT.untrusted}).`);
    return EXIT.untrusted;
  }
  if (!json) io.out(`NOT VALID: ${x.reason}`);
  io.err(`credence: the packet does not verify: ${x.reason}`);
  return EXIT.failed;
}

const MAX_KEY_FILE = 64 * 1024;
const MAX_KEY_FILES = 1000;

/** --trust FILE|DIR: the keys in one .pem file, or in every .pem file of a folder, named after their files. */
function trustedKeysFrom(trust: string): { names: Map<string, string>; files: string[] } {
  const st = fs.statSync(trust);
  const files = st.isDirectory()
    ? fs
        .readdirSync(trust)
        .filter((f) => f.endsWith('.pem'))
        .sort()
        .map((f) => path.join(trust, f))
    : [trust];
  if (files.length === 0) throw new Error('the folder holds no .pem file');
  if (files.length > MAX_KEY_FILES) throw new Error(`the folder holds more than ${MAX_KEY_FILES} .pem files`);
  const names = new Map<string, string>();
  for (const f of files) {
    if (fs.statSync(f).size > MAX_KEY_FILE) throw new Error(`${path.basename(f)} is too large to be a public key`);
    let key: crypto.KeyObject;
    try {
      key = crypto.createPublicKey(fs.readFileSync(f, 'utf8'));
    } catch {
      throw new Error(`${path.basename(f)} is not a PEM public key`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path.basename(f)} holds a ${key.asymmetricKeyType} key; Credence signs with Ed25519`);
    names.set(fingerprintOf(key), path.basename(f).replace(/\.(pub\.)?pem$/i, ''));
  }
  return { names, files };
}

/** verify with --trust: the trusted keys are the given key file or folder of keys, not the workspace's roster. */
async function runVerifyWithRoster(file: string | undefined, trust: string, json: boolean, io: Io): Promise<number> {
  if (!file) {
    io.err(`credence: name the packet to verify.\n\n${USAGE}`);
    return EXIT.usage;
  }
  let keys: ReturnType<typeof trustedKeysFrom>;
  try {
    keys = trustedKeysFrom(trust);
  } catch (err) {
    io.err(`credence: cannot use ${printable(trust)} as trusted keys: ${printable((err as Error).message)}.`);
    return EXIT.usage;
  }
  let bytes: Uint8Array;
  try {
    bytes = readPacketFile(file);
  } catch (err) {
    io.err(`credence: ${(err as Error).message}`);
    return err instanceof ServiceError && err.code === 'not_found' ? EXIT.notFound : EXIT.failed;
  }
  const source = `the keys given with --trust (${keys.files.map((f) => path.basename(f)).slice(0, 5).join(', ')}${keys.files.length > 5 ? ', …' : ''})`;
  return reportVerification(verifyPacket(bytes, { nameOf: (fp) => keys.names.get(fp) ?? null, source }), json, io);
}

async function passphraseFrom(env: NodeJS.ProcessEnv, prompt: string): Promise<string> {
  if (env.CREDENCE_PASSPHRASE) return env.CREDENCE_PASSPHRASE;
  if (!process.stdin.isTTY) throw new UsageError(`${prompt.replace(/: $/, '')} is needed: set CREDENCE_PASSPHRASE, or run in a terminal to be asked for it. Nothing changed.`);
  return askHidden(prompt);
}

/**
 * Prints what a signature would cover, then signs only with every gap present acknowledged by
 * name (--acknowledge) or all at once (--acknowledge-all, which says what it acknowledged).
 */
async function reviewSign(ws: Workspace & { passphrase(): Promise<string> }, caseId: string, sign: boolean, v: Values, io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const json = !!v.json;
  const s = unwrap(await ws.dispatch('review.signSummary', { caseId }), io, json);
  if ('code' in s) return s.code;
  const summary = s.value as SignSummary;
  const lines = [
    `Signing covers ${summary.decided} of ${summary.total} checklist items decided.`,
    ...summary.rubrics.map((r) => `Rubric ${r.title}: ${r.assessed === 'complete' ? `all ${r.criteriaTotal} criteria scored` : r.assessed === 'none' ? 'not assessed' : `${r.criteriaScored} of ${r.criteriaTotal} criteria scored`}${r.scoredBy ? ` (by ${r.scoredBy})` : ''}`),
    ...(summary.gaps.length ? summary.gaps.flatMap((g) => [`GAP ${g.kind}: ${g.title}`, ...g.entries.map((e) => `    - ${e}`)]) : ['No gaps: every item decided, every criterion scored, nothing stale or contradicted.']),
  ];
  if (!sign) {
    print(io, json, summary, () => lines.join('\n'));
    return EXIT.ok;
  }
  if (v['acknowledge-all'] && v.acknowledge?.length) throw new UsageError('Give --acknowledge KINDS or --acknowledge-all, not both.');
  const named = (v.acknowledge ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  const unknown = named.filter((k) => !(GAP_KINDS as readonly string[]).includes(k));
  if (unknown.length) throw new UsageError(`Unknown gap kind ${unknown.join(', ')}: use ${GAP_KINDS.join(', ')}.`);
  const acknowledge = (v['acknowledge-all'] ? summary.gaps.map((g) => g.kind) : named) as GapKind[];
  if (!json) io.out(lines.join('\n'));
  const missing = summary.gaps.filter((g) => !acknowledge.includes(g.kind));
  if (missing.length) {
    // Refused before the passphrase is asked for: nothing to type until the gaps are confirmed.
    const message = `Not signed: acknowledge each gap first with --acknowledge ${missing.map((g) => g.kind).join(',')} (or --acknowledge-all).`;
    if (json) io.out(JSON.stringify({ error: { code: 'conflict', message, summary } }));
    io.err(`credence: ${message}`);
    return EXIT.failed;
  }
  const r = unwrap(await ws.dispatch('review.sign', { caseId, passphrase: await ws.passphrase(), acknowledge }), io, json);
  if ('code' in r) return r.code;
  const c = r.value as CaseRecord;
  const acknowledged = summary.gaps.map((g) => g.statement);
  print(io, json, { ...c, acknowledged: summary.gaps.map((g) => g.kind) }, () => [...(acknowledged.length ? ['Acknowledged:', ...acknowledged.map((a) => `  - ${a}`)] : []), `Case ${c.id} is now ${c.status}.`].join('\n'));
  return EXIT.ok;
}

const print = (io: Io, json: boolean, data: unknown, human: () => string) => io.out(json ? JSON.stringify(data, null, 2) : human());

/**
 * The workspace as the CLI uses it: the identity named by --identity or CREDENCE_IDENTITY is
 * unlocked with its passphrase just before the first call that changes something, so read-only
 * commands never ask for a passphrase. With no identity named, such a call is refused by the
 * workspace itself, saying how to name one.
 */
function actingIdentity(ws: Workspace, identityId: string | null, env: NodeJS.ProcessEnv): Workspace & { passphrase(): Promise<string> } {
  let passphrase: string | null = null;
  const unlock = async () => {
    if (passphrase !== null) return passphrase;
    const who = ws.services.identities.list().find((i) => i.id === identityId);
    passphrase = await passphraseFrom(env, `Passphrase for ${who ? who.name : identityId}: `);
    return passphrase;
  };
  const dispatch: Workspace['dispatch'] = async (method, input) => {
    const changes = ACTS[method as Method];
    if (identityId && changes && changes(input) && !ws.services.session.current) {
      const r = await ws.dispatch('identity.use', { identityId, passphrase: await unlock() });
      if (!r.ok) return { ok: false, error: { ...r.error, message: `${r.error.message} Nothing changed.` } };
    }
    return ws.dispatch(method, input);
  };
  return Object.assign(Object.create(ws) as Workspace, { dispatch, passphrase: unlock });
}

/** An export never replaces a file silently: true (after saying so) when one exists and --force was not given. */
function refuseOverwrite(outPath: string, v: Values, io: Io, json: boolean): boolean {
  if (v.force || !fs.existsSync(outPath)) return false;
  const message = `${outPath} already exists. Choose another --out, or add --force to replace it.`;
  if (json) io.out(JSON.stringify({ error: { code: 'conflict', message } }));
  io.err(`credence: ${message}`);
  return true;
}

const need = (v: string | undefined, flag: string): string => {
  if (!v) throw new UsageError(`--${flag} is required.`);
  return v;
};

/** Reads the documents' waiting pages, saying on stderr which page it is on (stdout stays the result). */
async function readScannedPages(ws: Workspace, documentIds: string[], io: Io, json: boolean): Promise<void> {
  const unsubscribe = ws.subscribe((event, payload) => {
    const p = payload as { documentId: string; page: number; done: number; total: number; phase: string };
    if (event === 'ocr.progress' && !json && p.phase === 'recognising' && documentIds.includes(p.documentId)) io.err(`OCR ${p.done}/${p.total}: reading page ${p.page}…`);
  });
  try {
    const drained = ws.services.ocr.drain(documentIds);
    // The queue was looked at as the drain began: pages the app (or another command) reads are left to it.
    const elsewhere = ws.services.ocr.readElsewhere(documentIds);
    if (elsewhere > 0 && !json) io.err(`OCR: ${elsewhere} page${elsewhere === 1 ? ' is' : 's are'} being read by another Credence process (the app, or another command); waiting for ${elsewhere === 1 ? 'it' : 'them'}.`);
    await drained;
  } finally {
    unsubscribe();
  }
}

/** "page 3 failed: …", or the message as it stands when it already names its page ("Page 3 was not read: …"). */
const failureLine = (f: OcrFailure): string =>
  ocrFailureText(f, { unnamed: (page, error) => `page ${page} failed: ${error}` }) + (f.error === OCR_MESSAGES.needsPassword ? ' (from the command line: ocr --case ID --document ID --password-stdin)' : '');

/** --page N or N-M: the pages to read over their own text layer. */
function pageRange(raw: string): { fromPage: number; toPage: number } {
  const m = /^\s*(\d{1,7})\s*(?:[-–]\s*(\d{1,7})\s*)?$/.exec(raw);
  const from = m ? Number(m[1]) : NaN;
  const to = m?.[2] !== undefined ? Number(m[2]) : from;
  if (!m || from < 1 || to < from) throw new UsageError(`--page takes a page number or a range such as 3-7, counting from 1; "${raw}" is neither.`);
  return { fromPage: from, toPage: to };
}

/** "2 of 3 scanned pages read by OCR (mean confidence 94.1); page 3 failed: …" */
function ocrLine(ws: Workspace, caseId: string, documentId: string, needing: number, skipped: boolean): string {
  const s = ws.services.ocr.summary(documentId);
  if (!s) return `${needing} need OCR`;
  if (skipped) return `${s.pending} scanned page${s.pending === 1 ? '' : 's'} waiting for OCR (run: npm run -s credence -- ocr --case ${caseId})`;
  const conf = s.meanConfidence === null ? '' : ` (mean confidence ${s.meanConfidence})`;
  const failed = ws.services.ocr.failures(documentId).map((f) => `; ${failureLine(f)}`).join('');
  const left = [s.pending ? `${s.pending} waiting` : '', s.stopped ? `${s.stopped} stopped` : ''].filter(Boolean).join(', ');
  return `${s.pagesOcr} of ${s.total} scanned page${s.total === 1 ? '' : 's'} read by OCR${conf}${left ? `, ${left}` : ''}${failed}`;
}

/** "\n          pages 1–4 carry a scanner's own OCR text…", or nothing. */
function scannerLine(found: DocumentListItem['scannerText'], caseId: string, documentId: string): string {
  if (!found) return '';
  const more = pagesIn(found.runs) < found.count;
  return (
    `\n          ${pagesText(found.runs, more)}${more ? ` (${found.count} in all)` : ''} ${found.count === 1 ? 'carries' : 'carry'} a scanner's own OCR text, which may misread words; ` +
    `read ${found.count === 1 ? 'it' : 'them'} with Credence's OCR: npm run -s credence -- ocr --case ${caseId} --document ${documentId} --text-layer --scanner-text`
  );
}

/** Added to the OCR column: "; 4 scanner-text pages" (pages whose text is a scanner's own OCR). */
const scannerCell = (found: DocumentListItem['scannerText']): string => (found ? `; ${found.count} scanner-text ${found.count === 1 ? 'page' : 'pages'}` : '');

/** The documents table's OCR column: "-" for a document with its own text layer, else what OCR has done ("2/3, 1 failed"). */
function ocrCell(ocr: DocumentListItem['ocr']): string {
  if (!ocr) return '-';
  const lost = ocr.failed - ocr.failedKept;
  const notes = [lost ? `${lost} failed` : '', ocr.failedKept ? `${ocr.failedKept} re-read failed (text kept)` : '', ocr.pending ? `${ocr.pending} waiting` : '', ocr.stopped ? `${ocr.stopped} stopped` : ''].filter(Boolean);
  return `${ocr.pagesOcr}/${ocr.total}${notes.length ? `, ${notes.join(', ')}` : ''}`;
}

async function route(ws: Workspace & { passphrase(): Promise<string> }, pos: string[], v: Values, io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const json = !!v.json;
  const [cmd, sub, ...rest] = pos;
  const print = (data: unknown, human: () => string) => io.out(json ? JSON.stringify(data, null, 2) : human());

  if (cmd === 'cases' && sub === 'list') {
    const r = unwrap(await ws.dispatch('cases.list', { includeArchived: !!v.all }), io, json);
    if ('code' in r) return r.code;
    const cases = r.value as CaseRecord[];
    print(cases, () =>
      cases.length === 0
        ? 'No cases yet. Create one with: npm run -s credence -- cases create --agency NAME --ori ORI --state XX'
        : table([['ID', 'AGENCY', 'ORI', 'STATE', 'STATUS', 'DUE', 'DOCS'], ...cases.map((c) => [c.id, c.agencyName + (c.archived ? ' (archived)' : ''), c.ori, c.state, c.status, c.dueDate ? (overdueLabel(c, localToday()) ? `${c.dueDate} OVERDUE` : c.dueDate) : '-', String(c.documentCount)])]),
    );
    return EXIT.ok;
  }
  if (cmd === 'cases' && sub === 'create') {
    const r = unwrap(
      await ws.dispatch('cases.create', {
        agencyName: need(v.agency, 'agency'),
        ori: need(v.ori, 'ori'),
        state: need(v.state, 'state'),
        agencyType: v.type ?? null,
        jurisdiction: v.jurisdiction ?? null,
        dueDate: v.due ?? null,
        allowDuplicateOri: !!v['allow-duplicate-ori'],
      }).then((x) => {
        // Name the existing case and the two ways on, with its real id.
        const existing = !x.ok ? x.error.fields?.existingCaseId : undefined;
        return existing && !x.ok ? { ...x, error: { ...x.error, message: `${x.error.message.replace(/ Open it, or create another case anyway\.$/, '')} Open it with \`npm run -s credence -- cases show --case ${shortId(existing).replace('…', '')}\`, or create another anyway with --allow-duplicate-ori.` } } : x;
      }),
      io,
      json,
    );
    if ('code' in r) return r.code;
    const c = r.value as CaseRecord;
    print(c, () => `Created case ${c.id} for ${c.agencyName} (${c.ori}).`);
    return EXIT.ok;
  }
  if (cmd === 'cases' && sub === 'show') {
    const r = unwrap(await ws.dispatch('cases.get', { id: need(v.case, 'case') }), io, json);
    if ('code' in r) return r.code;
    const c = r.value as CaseRecord;
    print(c, () => table(Object.entries(c).map(([k, val]) => [k, String(val)])));
    return EXIT.ok;
  }
  if (cmd === 'cases' && sub === 'delete') {
    const r = unwrap(await ws.dispatch('cases.delete', { id: need(v.case, 'case'), confirmAgencyName: need(v.confirm, 'confirm') }), io, json);
    if ('code' in r) return r.code;
    const x = r.value as { id: string; agencyName: string };
    print(x, () => `Deleted case ${x.id} (${x.agencyName}) and its audit trail. Its documents stay in the workspace for other cases.`);
    return EXIT.ok;
  }
  if (cmd === 'cases' && sub === 'archive') {
    const r = unwrap(await ws.dispatch('cases.archive', { id: need(v.case, 'case'), archived: !v.restore }), io, json);
    if ('code' in r) return r.code;
    const c = r.value as CaseRecord;
    print(c, () => `${c.archived ? 'Archived' : 'Restored'} case ${c.id} (${c.agencyName}).`);
    return EXIT.ok;
  }
  if (cmd === 'import') {
    const files = [sub, ...rest].filter((f): f is string => !!f);
    if (files.length === 0) throw new UsageError('Name at least one PDF to import.');
    const caseId = need(v.case, 'case');
    const password = await pdfPassword(v, io.stdin ?? process.stdin);
    const r = unwrap(await ws.dispatch('documents.import', { caseId, paths: files, password }), io, json);
    if ('code' in r) return r.code;
    const results = r.value as ImportFileResult[];
    const imported = results.flatMap((x) => (x.ok ? [x.document.id] : []));
    // Pages that had failed before this import (a document already in the workspace) are not its doing.
    const failedBefore = new Map(imported.map((id) => [id, ws.services.ocr.summary(id)?.failed ?? 0]));
    if (!v['no-ocr'] && imported.length > 0) await readScannedPages(ws, imported, io, json);
    // Which pages carry a scanner's own OCR (the app looks in the background; here it is part of the import).
    await ws.services.scannerSurvey.complete(imported);
    const scannerOf = (id: string) => ws.services.scannerSurvey.scannerText(id);
    const ocrOf = (id: string) => ({ ...ws.services.ocr.summary(id), failures: ws.services.ocr.failures(id) });
    print(
      results.map((x) =>
        x.ok
          ? { file: x.file, ok: true, documentId: x.document.id, pages: x.document.pageCount, pagesNeedingOcr: x.document.pagesNeedingOcr, alreadyInWorkspace: x.alreadyInWorkspace, ocr: x.document.pagesNeedingOcr ? ocrOf(x.document.id) : null, scannerText: scannerOf(x.document.id) }
          : { file: x.file, ok: false, code: x.code, error: x.message },
      ),
      () =>
        results
          .map((x) =>
            x.ok
              ? `imported  ${x.file}\n          document ${x.document.id}, ${x.document.pageCount} ${x.document.pageCount === 1 ? 'page' : 'pages'}${x.document.pagesNeedingOcr ? `, ${ocrLine(ws, caseId, x.document.id, x.document.pagesNeedingOcr, !!v['no-ocr'])}` : ''}${x.alreadyInWorkspace ? ' (already in the workspace)' : ''}${scannerLine(scannerOf(x.document.id), caseId, x.document.id)}`
              : `FAILED    ${x.message}`,
          )
          .join('\n'),
    );
    // A page OCR could not read fails the command as `ocr` does: the document is in, its text is
    // not. A new document's pages refused at import (over the page limit) count; a known
    // document's old failures do not.
    const ocrFailed =
      !v['no-ocr'] &&
      results.some((x) => x.ok && (ws.services.ocr.summary(x.document.id)?.failed ?? 0) > (x.alreadyInWorkspace ? (failedBefore.get(x.document.id) ?? 0) : 0));
    return results.every((x) => x.ok) && !ocrFailed ? EXIT.ok : EXIT.failed;
  }
  if (cmd === 'ocr') {
    if (sub) throw new UsageError(`ocr takes --case ID [--document ID] [--redo], not ${sub}.`);
    if (v['no-ocr']) throw new UsageError('--no-ocr belongs to import (import without reading scanned pages); ocr always reads them.');
    const caseId = need(v.case, 'case');
    if (v['file-text']) {
      // The way back from reading pages over their own text: nothing is read, so nothing else of ocr's applies.
      const clash = (['text-layer', 'scanner-text', 'redo', 'password-stdin', 'password'] as const).find((k) => v[k]);
      if (clash) throw new UsageError(`--file-text puts pages back on the file's own text; it does not go with --${clash}.`);
      const documentId = need(v.document, 'document');
      const range = v.page === undefined ? {} : pageRange(v.page);
      const r = unwrap(await ws.dispatch('ocr.useFileText', { caseId, documentId, ...range }), io, json);
      if ('code' in r) return r.code;
      const x = r.value as { restored: number; withoutFileText: number; fromPage: number; toPage: number };
      const pages = x.fromPage === x.toPage ? `Page ${x.fromPage}` : `Pages ${x.fromPage}–${x.toPage}`;
      print(x, () =>
        [
          x.restored > 0 ? `${pages}: ${x.restored} back on the file's own text (OCR's reading set aside; highlights moved with the words).` : `${pages}: no page was read by OCR over its own text; nothing changed.`,
          ...(x.withoutFileText > 0
            ? [`${x.withoutFileText} ${x.withoutFileText === 1 ? 'page was' : 'pages were'} read by OCR for want of any text (a scan), or before Credence kept the file's text: left as OCR read ${x.withoutFileText === 1 ? 'it' : 'them'}.`]
            : []),
        ].join('\n'),
      );
      return EXIT.ok;
    }
    const password = await pdfPassword(v, io.stdin ?? process.stdin);
    if (password !== undefined) {
      // Kept first, so the pages that failed for want of it are drawn with it.
      const kept = unwrap(await ws.dispatch('documents.rememberPassword', { caseId, documentId: need(v.document, 'document'), password }), io, json);
      if ('code' in kept) return kept.code;
    }
    type OverTextLayer = { queued: number; alreadyOcr: number; fromPage: number; toPage: number };
    let overTextLayer: OverTextLayer | null = null;
    if (v['text-layer']) {
      const documentId = need(v.document, 'document');
      const range = v.page === undefined ? {} : pageRange(v.page);
      // A document imported with OCR off, or by an older Credence, is looked at here first.
      if (v['scanner-text']) await ws.services.scannerSurvey.complete([documentId]);
      const t = unwrap(await ws.dispatch('ocr.readTextLayer', { caseId, documentId, ...range, ...(v['scanner-text'] ? { onlyScannerText: true as const } : {}) }), io, json);
      if ('code' in t) return t.code;
      overTextLayer = t.value as OverTextLayer;
    } else if (v.page !== undefined) throw new UsageError('--page belongs to ocr with --text-layer (which pages to read over their own text).');
    else if (v['scanner-text']) throw new UsageError("--scanner-text belongs to ocr with --text-layer (read only the pages whose text is a scanner's OCR).");
    const r = unwrap(await ws.dispatch('ocr.run', { caseId, ...(v.document ? { documentId: v.document } : {}), ...(v.redo ? { redo: true } : {}) }), io, json);
    if ('code' in r) return r.code;
    const docs = (await ws.dispatch('documents.list', { caseId })) as { ok: true; value: Array<DocumentRecord & { ocr: unknown }> };
    const which = docs.value.filter((d) => d.ocr !== null && (!v.document || d.id === v.document));
    await readScannedPages(ws, which.map((d) => d.id), io, json);
    const rows = which.map((d) => ({ documentId: d.id, title: d.title, ...ws.services.ocr.summary(d.id)!, failures: ws.services.ocr.failures(d.id) }));
    const queued = (r.value as { queued: number }).queued + (overTextLayer?.queued ?? 0);
    const over = overTextLayer;
    print(over ? { textLayer: over, documents: rows } : rows, () =>
      rows.length === 0
        ? 'No page in this case needs OCR: every page has a text layer of its own.'
        : [
            ...(over
              ? [
                  `${over.fromPage === over.toPage ? `Page ${over.fromPage}` : `Pages ${over.fromPage}–${over.toPage}`}: ${over.queued} read by OCR over the file's own text${over.alreadyOcr ? `; ${over.alreadyOcr} already had OCR text or were waiting for it${v.redo ? '' : ' (read them again with --redo)'}` : ''}.`,
                ]
              : []),
            ...(queued === 0 ? [`Nothing was waiting for OCR${v.redo ? '' : ' (read the pages again with --redo)'}.`] : []),
            ...rows.map((d) => `${d.title} (document ${d.documentId})\n          ${ocrLine(ws, caseId, d.documentId, d.total, false)}`),
          ].join('\n'),
    );
    return rows.some((d) => d.failed! > 0) ? EXIT.failed : EXIT.ok;
  }
  if (cmd === 'documents' && sub === 'rename') {
    const r = unwrap(await ws.dispatch('documents.update', { id: need(v.document, 'document'), title: need(v.title, 'title') }), io, json);
    if ('code' in r) return r.code;
    const d = r.value as DocumentRecord;
    print(d, () => `Document ${d.id} is now “${d.title}” (file ${d.originalName}).`);
    return EXIT.ok;
  }
  if (cmd === 'documents' && (sub === 'remove' || sub === 'restore')) {
    const input = { caseId: need(v.case, 'case'), documentId: need(v.document, 'document') };
    if (sub === 'remove') {
      const r = unwrap(await ws.dispatch('documents.removeFromCase', input), io, json);
      if ('code' in r) return r.code;
      const x = r.value as { title: string; highlights: number; determinations: number };
      print(x, () => `Removed “${x.title}” from the case. ${x.highlights} highlight(s) on it kept, marked document-removed; ${x.determinations} determination(s) resting on them are stale.\nUndo with: npm run -s credence -- documents restore --case ${shortId(input.caseId).replace('…', '')} --document ${shortId(input.documentId).replace('…', '')}`);
      return EXIT.ok;
    }
    const r = unwrap(await ws.dispatch('documents.restoreToCase', input), io, json);
    if ('code' in r) return r.code;
    const d = r.value as DocumentRecord;
    print(d, () => `“${d.title}” is back in the case, with its highlights.`);
    return EXIT.ok;
  }
  if (cmd === 'highlights') {
    const r = unwrap(await ws.dispatch('annotations.list', { caseId: need(v.case, 'case') }), io, json);
    if ('code' in r) return r.code;
    const list = r.value as AnnotationRecord[];
    print(list, () => (list.length ? table([['ID', 'PAGE', 'STATUS', 'ITEMS', 'DOCUMENT'], ...list.map((a) => [a.id, String(a.pageFrom), a.status, a.itemIds.join(',') || '-', a.documentTitle])]) : 'No highlights in this case yet.'));
    return EXIT.ok;
  }
  if (cmd === 'documents' && sub) throw new UsageError(`documents takes rename, remove or restore (or nothing, to list), not ${sub}.`);
  if (cmd === 'documents') {
    const r = unwrap(await ws.dispatch('documents.list', { caseId: need(v.case, 'case') }), io, json);
    if ('code' in r) return r.code;
    const docs = r.value as DocumentRecord[];
    print(
      docs.map((d) => ({ id: d.id, title: d.title, originalName: d.originalName, pages: d.pageCount, pagesNeedingOcr: d.pagesNeedingOcr, ocr: (d as DocumentListItem).ocr ?? null, scannerText: (d as DocumentListItem).scannerText ?? null, sha256: d.sha256 })),
      () =>
        docs.length === 0
          ? 'No documents in this case yet. Add some with: npm run -s credence -- import --case ID FILE.pdf'
          : table([['ID', 'PAGES', 'OCR', 'SHA-256', 'FILE', 'TITLE'], ...docs.map((d) => [d.id, String(d.pageCount), ocrCell((d as DocumentListItem).ocr ?? null) + scannerCell((d as DocumentListItem).scannerText ?? null), d.sha256, d.originalName, d.title])]),
    );
    return EXIT.ok;
  }
  if (cmd === 'search') {
    const query = [sub, ...rest].filter(Boolean).join(' ');
    if (!query) throw new UsageError('Give a search query.');
    const r = unwrap(await ws.dispatch('search.query', { caseId: need(v.case, 'case'), query }), io, json);
    if ('code' in r) return r.code;
    const hits = r.value as SearchHit[];
    print(hits, () => (hits.length === 0 ? `No matches for ${JSON.stringify(query)}.` : hits.map((h) => `${h.documentTitle}, page ${h.page} (${h.matches} ${h.matches === 1 ? 'match' : 'matches'}${h.ocr ? ', OCR text' : ''})\n    ${h.snippet.replace(/\[\[|\]\]/g, '*')}`).join('\n')));
    return EXIT.ok;
  }
  if (cmd === 'checklist') {
    const r = unwrap(await ws.dispatch('checklists.forCase', { caseId: need(v.case, 'case') }), io, json);
    if ('code' in r) return r.code;
    const cl = r.value as CaseChecklist;
    print(
      {
        pack: cl.pack,
        progress: cl.progress,
        items: cl.entries.map((e) => ({ id: e.item.id, title: e.item.title, kind: e.item.kind, status: e.determination?.status ?? null, rationale: e.determination?.rationale ?? null, evidenceCount: e.evidence.length, stale: e.flags.stale, contradicted: e.flags.contradicted })),
      },
      () =>
        `${cl.pack.title} (v${cl.pack.version})\n${cl.progress.decided} of ${cl.progress.total} items decided; mandatory ${cl.progress.mandatoryDecided} of ${cl.progress.mandatoryTotal}\n\n` +
        table([
          ['ITEM', 'KIND', 'DETERMINATION', 'EVIDENCE', 'FLAGS'],
          ...cl.entries.map((e) => [e.item.id, e.item.kind, e.determination ? DETERMINATION_LABEL[e.determination.status] : 'undecided', String(e.evidence.length), [e.flags.stale ? 'stale' : '', e.flags.contradicted ? 'contradicted' : ''].filter(Boolean).join(',')]),
        ]),
    );
    return EXIT.ok;
  }
  if (cmd === 'annotate') {
    const page = Number(need(v.page, 'page'));
    if (!Number.isInteger(page)) throw new UsageError('--page takes a page number, counting from 1.');
    const r = unwrap(
      await ws.dispatch('annotations.create', {
        caseId: need(v.case, 'case'),
        documentId: need(v.document, 'document'),
        page,
        quote: need(v.quote, 'quote'),
        itemIds: v.item ?? [],
        stance: v.stance ?? 'supports',
        note: v.note ?? '',
      }),
      io,
      json,
    );
    if ('code' in r) return r.code;
    const a = r.value as AnnotationRecord;
    print(a, () => `Highlight ${a.id} on ${a.pageFrom === a.pageTo ? `page ${a.pageFrom}` : `pages ${a.pageFrom}–${a.pageTo}`} of ${a.documentTitle}, ${a.stance}${a.itemIds.length ? `, for ${a.itemIds.join(', ')}` : ''}.`);
    return EXIT.ok;
  }
  if (cmd === 'determine') {
    const r = unwrap(
      await ws.dispatch('determinations.set', {
        caseId: need(v.case, 'case'),
        itemId: need(v.item?.[0], 'item'),
        status: need(v.status, 'status'),
        rationale: need(v.rationale, 'rationale'),
        noRuleFound: !!v['no-rule'],
        evidenceIds: v.evidence ?? [],
      }),
      io,
      json,
    );
    if ('code' in r) return r.code;
    const d = r.value as DeterminationRecord;
    print(d, () => `${d.itemId}: ${DETERMINATION_LABEL[d.status]}, resting on ${d.evidenceIds.length} highlight(s)${d.noRuleFound ? ' (the policies contain no such rule)' : ''}.`);
    return EXIT.ok;
  }
  if (cmd === 'rubrics') {
    const r = unwrap(await ws.dispatch('rubrics.list', {}), io, json);
    if ('code' in r) return r.code;
    const list = r.value as Array<{ id: string; version: string; title: string; source: string; criteria: Array<{ id: string; title: string; weight: number }> }>;
    print(list, () => list.map((x) => `${x.title} (${x.id} v${x.version}, ${x.source})\n${table(x.criteria.map((c) => [`  ${c.id}`, `weight ${c.weight}`, c.title]))}`).join('\n\n'));
    return EXIT.ok;
  }
  if (cmd === 'score') {
    const level = Number(need(v.level, 'level'));
    if (!Number.isInteger(level)) throw new UsageError('--level takes a whole number from 0 to 3.');
    const r = unwrap(
      await ws.dispatch('rubrics.score', {
        caseId: need(v.case, 'case'),
        rubricId: need(v.rubric, 'rubric'),
        criterionId: need(v.criterion, 'criterion'),
        level,
        rationale: need(v.rationale, 'rationale'),
        evidenceIds: v.evidence ?? [],
        scorer: v.scorer,
      }),
      io,
      json,
    );
    if ('code' in r) return r.code;
    const s = r.value as ScoreRecord;
    print(s, () => `${s.rubricId} / ${s.criterionId}: level ${s.level} by ${s.scorer}, resting on ${s.evidenceIds.length} highlight(s).`);
    return EXIT.ok;
  }
  if (cmd === 'scores') {
    // Scores are shown only to the scorer who made them, as in the app: the named identity is
    // unlocked with its passphrase first, and --scorer may only name that identity.
    const identityId = v.identity || env.CREDENCE_IDENTITY;
    if (identityId && !ws.services.session.current) {
      const u = unwrap(await ws.dispatch('identity.use', { identityId, passphrase: await ws.passphrase() }), io, json);
      if ('code' in u) return u.code;
    }
    const r = unwrap(await ws.dispatch('rubrics.forCase', { caseId: need(v.case, 'case'), ...(v.scorer === undefined ? {} : { scorer: v.scorer }) }), io, json);
    if ('code' in r) return r.code;
    const list = r.value as CaseRubric[];
    const data = list.map((x) => ({
      rubric: { id: x.rubric.id, version: x.rubric.version, title: x.rubric.title },
      scorer: x.scorer,
      totals: x.totals,
      scores: x.rubric.criteria.map((c) => {
        const s = x.scores.find((y) => y.criterionId === c.id);
        return { criterionId: c.id, title: c.title, weight: c.weight, level: s?.level ?? null, rationale: s?.rationale ?? null, evidenceCount: s?.evidenceIds.length ?? 0 };
      }),
    }));
    print(data, () =>
      data
        .map((x) => `${x.rubric.title} (v${x.rubric.version}), scored by ${x.scorer}: ${totalsLine(x.totals)}\n` + table([['CRITERION', 'WEIGHT', 'LEVEL', 'EVIDENCE'], ...x.scores.map((s) => [s.criterionId, String(s.weight), s.level === null ? 'not assessed' : String(s.level), String(s.evidenceCount)])]))
        .join('\n\n'),
    );
    return EXIT.ok;
  }
  if (cmd === 'identity' && sub === 'create') {
    const passphrase = await passphraseFrom(env, 'New passphrase for this identity: ');
    const r = unwrap(await ws.dispatch('identity.create', { name: need(v.name, 'name'), email: need(v.email, 'email'), role: need(v.role, 'role'), passphrase }), io, json);
    if ('code' in r) return r.code;
    const i = r.value as Identity;
    print(i, () => `Created ${i.role === 'lead' ? 'review lead' : 'reviewer'} ${i.name} <${i.email}>, identity ${i.id}\nKey fingerprint: ${i.fingerprintGrouped}`);
    return EXIT.ok;
  }
  if (cmd === 'identity' && sub === 'list') {
    const r = unwrap(await ws.dispatch('identity.list', {}), io, json);
    if ('code' in r) return r.code;
    const list = r.value as Identity[];
    print(list.map(({ publicKeyPem: _, ...x }) => x), () => (list.length ? table([['ID', 'ROLE', 'NAME', 'FINGERPRINT'], ...list.map((i) => [i.id, i.role, `${i.name} <${i.email}>`, i.fingerprintGrouped])]) : 'No identities yet. Create one with: npm run -s credence -- identity create --name NAME --email EMAIL --role reviewer|lead'));
    return EXIT.ok;
  }
  if (cmd === 'identity' && sub === 'export') {
    const r = unwrap(await ws.dispatch('identity.list', {}), io, json);
    if ('code' in r) return r.code;
    const i = (r.value as Identity[]).find((x) => x.id === need(v.identity, 'identity'));
    if (!i) return (io.err(`credence: no identity ${v.identity}.`), EXIT.notFound);
    print({ id: i.id, name: i.name, fingerprint: i.fingerprint, publicKeyPem: i.publicKeyPem }, () => i.publicKeyPem.trimEnd());
    return EXIT.ok;
  }
  if (cmd === 'roster' && sub === 'import') {
    const file = rest[0];
    if (!file) throw new UsageError('Name the public key (.pem) to trust.');
    const r = unwrap(await ws.dispatch('roster.import', { path: path.resolve(file), name: v.name }), io, json);
    if ('code' in r) return r.code;
    const k = r.value as { fingerprintGrouped: string };
    print(k, () => `Trusted key ${k.fingerprintGrouped}.`);
    return EXIT.ok;
  }
  if (cmd === 'review') {
    const caseId = need(v.case, 'case');
    let r;
    if (sub === 'submit') r = await ws.dispatch('review.submit', { caseId });
    else if (sub === 'approve') r = await ws.dispatch('review.approve', { caseId });
    else if (sub === 'return') r = await ws.dispatch('review.return', { caseId, comment: need(v.comment, 'comment') });
    else if (sub === 'sign' || sub === 'summary') return reviewSign(ws, caseId, sub === 'sign', v, io, env);
    else if (sub === 'status') {
      const s = unwrap(await ws.dispatch('review.state', { caseId }), io, json);
      if ('code' in s) return s.code;
      const st = s.value as { status: string; next: string; history: Array<{ at: string; actor: string; action: string; comment: string }> };
      print(st, () => `Status: ${st.status}\nNext: ${st.next}\n${st.history.map((h) => `  ${h.at}  ${h.action.padEnd(10)} ${h.actor}${h.comment ? ` — ${h.comment}` : ''}`).join('\n')}`);
      return EXIT.ok;
    } else throw new UsageError('review takes submit, approve, return, sign, summary or status.');
    const u = unwrap(r, io, json);
    if ('code' in u) return u.code;
    const c = u.value as CaseRecord;
    print(c, () => `Case ${c.id} is now ${c.status}.`);
    return EXIT.ok;
  }
  if (cmd === 'export') {
    const outPath = path.resolve(need(v.out, 'out'));
    if (refuseOverwrite(outPath, v, io, json)) return EXIT.failed;
    const r = unwrap(await ws.dispatch('review.export', { caseId: need(v.case, 'case'), outPath }), io, json);
    if ('code' in r) return r.code;
    const x = r.value as { path: string; bytes: number };
    print(x, () => `Wrote the signed packet to ${x.path} (${x.bytes.toLocaleString('en-US')} bytes).`);
    return EXIT.ok;
  }
  if (cmd === 'verify') {
    const file = sub;
    if (!file) throw new UsageError('Name the packet to verify.');
    const r = unwrap(await ws.dispatch('packet.verify', { path: path.resolve(file) }), io, json);
    if ('code' in r) return r.code;
    return reportVerification(r.value as Verification, json, io);
  }
  if (cmd === 'bundle' && sub === 'export') {
    const caseId = need(v.case, 'case');
    const outPath = path.resolve(need(v.out, 'out'));
    if (refuseOverwrite(outPath, v, io, json)) return EXIT.failed;
    if (!v.identity && !env.CREDENCE_IDENTITY) throw new UsageError('A bundle is signed with your key: say who you are with --identity ID or CREDENCE_IDENTITY (see: identity list).');
    // The passphrase that unlocks the identity also signs: asked once.
    const r = unwrap(await ws.dispatch('bundle.export', { caseId, outPath, passphrase: await ws.passphrase() }), io, json);
    if ('code' in r) return r.code;
    const x = r.value as { path: string; bytes: number; documents: number; passwords: number; signer: { name: string; fingerprintGrouped: string } };
    print(x, () => `Wrote ${x.path}: the case with ${x.documents} document(s), ${x.bytes.toLocaleString('en-US')} bytes.\nSigned by ${x.signer.name}, key ${x.signer.fingerprintGrouped}.${carriesPasswords(x.passwords)}`);
    return EXIT.ok;
  }
  if (cmd === 'bundle' && sub === 'import') {
    if (!rest[0]) throw new UsageError('Name the bundle to import.');
    const accept = v['accept-untrusted'];
    const r = unwrap(await ws.dispatch('bundle.import', { path: path.resolve(rest[0]), ...(accept ? { acceptUntrusted: accept } : {}) }), io, json);
    if ('code' in r) return r.code;
    const x = r.value as { caseId: string; agencyName: string; replaced: boolean; documents: number; signer: { name: string | null; fingerprintGrouped: string; trust: 'roster' | 'own-identity' | 'accepted' } };
    const trust = { roster: 'a key in your trust roster', 'own-identity': 'a key of this workspace', accepted: 'an unknown key you accepted' }[x.signer.trust];
    print(x, () => `${x.replaced ? 'Updated' : 'Imported'} case ${x.caseId} (${printable(x.agencyName)}) with ${x.documents} document(s).\nSigned by ${x.signer.name ? printable(x.signer.name) : 'an unknown signer'}: ${trust}, fingerprint ${x.signer.fingerprintGrouped}.`);
    return EXIT.ok;
  }
  if (cmd === 'audit' && sub === 'verify') {
    const r = unwrap(await ws.dispatch('audit.verify', { caseId: need(v.case, 'case') }), io, json);
    if ('code' in r) return r.code;
    const a = r.value as { ok: boolean; entries: number; head: string; problem: string | null };
    print(a, () => (a.ok ? `The audit trail is intact: ${a.entries} entries, head ${a.head}.` : `The audit trail is BROKEN: ${a.problem}.`));
    if (!a.ok) io.err(`credence: the audit trail is broken: ${a.problem}.`);
    return a.ok ? EXIT.ok : EXIT.failed;
  }
  if (cmd === 'packs') {
    if (sub === 'import') {
      const file = rest[0];
      if (!file) throw new UsageError('Name the pack file to import.');
      const r = unwrap(await ws.dispatch('checklists.importPack', { path: path.resolve(file) }), io, json);
      if ('code' in r) return r.code;
      const p = r.value as PackSummary;
      print(p, () => `Installed ${p.title} (${p.id} v${p.version}, ${p.itemCount} items).`);
      return EXIT.ok;
    }
    const r = unwrap(await ws.dispatch('checklists.packs', {}), io, json);
    if ('code' in r) return r.code;
    const packs = r.value as PackSummary[];
    print(packs, () => table([['ID', 'VERSION', 'ITEMS', 'SOURCE', 'TITLE'], ...packs.map((p) => [p.id, p.version, String(p.itemCount), p.source, p.title])]));
    return EXIT.ok;
  }
  throw new UsageError(`Unknown command: ${pos.join(' ')}`);
}
