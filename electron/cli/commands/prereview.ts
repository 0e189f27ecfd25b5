// `credence prereview [--case ID] [--json | --csv] [FILES or FOLDERS…]`: every rule of
// PREREVIEW.md for each document — files outside any case (folders read for their PDFs), or a
// case's documents. --json prints one object per document; --csv one row per document (file,
// sha256, then each rule's stance and pages), a whole state's policies coded in one run.
import fs from 'node:fs';
import path from 'node:path';
import { prereviewFile, type FilePrereview } from '../../services/lint/lint-files.ts';
import { RULE_IDS, NO_TEXT, type DocumentPrereview } from '../../../shared/domain/prereview/types.ts';
import { RULES_VERSION } from '../../../shared/domain/prereview/rules/index.ts';
import { ANSWER_WORDS, scorecardForDocument } from '../../../shared/domain/prereview/scorecard.ts';
import type { Workspace } from '../../services/workspace.ts';
import { EXIT, type Io } from '../output.ts';

/** A folder is read for PDFs this deep, and no more files than this are read in one run. */
const MAX_DEPTH = 8;
const MAX_FILES = 10_000;

export interface PrereviewOptions {
  json: boolean;
  csv: boolean;
  caseId?: string;
  /** Opens the workspace, only for --case. */
  openWorkspace: () => Workspace;
}

/** The PDFs named, a folder's PDFs in name order; a name that is neither is reported, not skipped. */
export function expandInputs(inputs: string[]): { files: string[]; errors: Array<{ file: string; error: string }> } {
  const files: string[] = [];
  const errors: Array<{ file: string; error: string }> = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      errors.push({ file: dir, error: `${dir}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).` });
      return;
    }
    for (const e of entries) {
      if (files.length >= MAX_FILES) return;
      const p = path.join(dir, e.name);
      // Symbolic links are not followed: a link loop would never end.
      if (e.isDirectory() && depth < MAX_DEPTH) walk(p, depth + 1);
      else if (e.isFile() && /\.pdf$/i.test(e.name)) files.push(p);
    }
  };
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (err) {
      errors.push({ file: input, error: `${path.basename(input)}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).` });
      continue;
    }
    if (st.isDirectory()) walk(input, 0);
    else files.push(input);
  }
  return { files: files.slice(0, MAX_FILES), errors };
}

/** `ocrPages`: a case document's pages whose text OCR read (1-based), so its evidence can say so. */
type Row = { file: string; sha256: string; result: DocumentPrereview; ocrPages?: ReadonlySet<number> } | { file: string; error: string };

const pagesOf = (f: DocumentPrereview['rules'][keyof DocumentPrereview['rules']]) => [...new Set(f.evidence.flatMap((e) => (e.endPage !== e.page ? [e.page, e.endPage] : [e.page])))].sort((a, b) => a - b);

export function jsonOf(r: Row) {
  if ('error' in r) return { file: r.file, error: r.error };
  const rules = Object.fromEntries(
    RULE_IDS.map((id) => {
      const f = r.result.rules[id];
      return [id, { stance: f.stance, evidence: f.evidence.map((e) => ({ page: e.page, quote: e.quote, reason: e.reason, ...(e.endPage !== e.page ? { endPage: e.endPage } : {}), ...(r.ocrPages ? { ocr: r.ocrPages.has(e.page) || r.ocrPages.has(e.endPage) } : {}) })), mentions: f.mentions.length, ...(f.unreadPages ? { unreadPages: f.unreadPages } : {}) }];
    }),
  );
  return { file: r.file, sha256: r.sha256, isDirective: r.result.isDirective, rulesVersion: r.result.rulesVersion, pagesWithoutText: r.result.pagesWithoutText, rules, scorecard: scorecardOf(r) };
}

/** The document's 8 Can't Wait answers; its pages are this document's, so plain page numbers. */
function scorecardOf(r: { file: string; result: DocumentPrereview }) {
  return scorecardForDocument({ documentId: r.file, title: path.basename(r.file), result: r.result }).map((x) => ({
    indicator: x.indicator,
    label: x.label,
    answer: x.answer,
    basis: x.basis,
    pages: [...new Set(x.pages.map((p) => p.page))],
    describedOnly: x.describedOnly,
    needsOcr: x.unread.length > 0,
    note: x.note,
  }));
}

/** RFC 4180 quoting, and a leading =, +, - or @ neutralised so a spreadsheet never runs a cell as a formula. */
export function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvOf(rows: Row[]): string {
  const header = ['file', 'sha256', 'is_directive', 'rules_version', 'error', ...RULE_IDS.flatMap((id) => [id, `${id} pages`])];
  const lines = rows.map((r) =>
    'error' in r
      ? [r.file, '', '', RULES_VERSION, r.error, ...RULE_IDS.flatMap(() => ['', ''])]
      : [r.file, r.sha256, String(r.result.isDirective), r.result.rulesVersion, '', ...RULE_IDS.flatMap((id) => [r.result.rules[id].stance, pagesOf(r.result.rules[id]).join(' ')])],
  );
  return [header, ...lines].map((l) => l.map(csvCell).join(',')).join('\n');
}

function textOf(r: Row, io: Io) {
  if ('error' in r) return io.out(`FAILED    ${r.error}`);
  io.out(`${r.file}${r.result.isDirective ? '' : '  [not a directive: stances are described, not directed]'}`);
  if (r.result.pagesWithoutText.length) io.out(`  no text: needs OCR on page(s) ${r.result.pagesWithoutText.join(', ')}`);
  for (const id of RULE_IDS) {
    const f = r.result.rules[id];
    const pages = pagesOf(f);
    const unread = f.unreadPages?.length ? `  (not in the text; ${f.unreadPages.length} page(s) without text need OCR)` : '';
    io.out(`  ${id.padEnd(28)} ${f.stance === NO_TEXT ? 'no text: needs OCR' : f.stance}${pages.length ? `  (p${pages.map((p) => (r.ocrPages?.has(p) ? `${p} [OCR]` : String(p))).join(', ')})` : ''}${unread}`);
  }
  io.out(`  8 Can't Wait: ${scorecardOf(r).map((x) => `${x.label.toLowerCase()} ${ANSWER_WORDS[x.answer].toLowerCase()}${x.needsOcr ? ' (needs OCR)' : ''}`).join('; ')}`);
}

export async function runPrereview(inputs: string[], opts: PrereviewOptions, io: Io): Promise<number> {
  if (opts.json && opts.csv) {
    io.err('credence: choose one of --json and --csv.');
    return EXIT.usage;
  }
  if (!opts.caseId && inputs.length === 0) {
    io.err('credence: name PDF files or folders to pre-review, or a case with --case ID.');
    return EXIT.usage;
  }
  const rows: Row[] = [];
  if (opts.caseId) {
    const ws = opts.openWorkspace();
    try {
      // The stored results where the text and rule version match; the rest are read (in a worker) and stored.
      for (const d of await ws.services.prereview.prereviewCase(opts.caseId)) rows.push(d.result ? { file: d.title, sha256: d.sha256, result: d.result, ocrPages: ws.services.ocr.ocrPages(d.documentId) } : { file: d.title, error: d.error ?? "The document could not be pre-reviewed." });
    } catch (err) {
      io.err(`credence: ${(err as Error).message}`);
      return (err as { code?: string }).code === 'not_found' ? EXIT.notFound : EXIT.failed;
    } finally {
      ws.close();
    }
  }
  const { files, errors } = expandInputs(inputs);
  rows.push(...errors);
  for (const f of files) {
    const r: FilePrereview = await prereviewFile(path.resolve(f));
    rows.push('error' in r ? { file: f, error: r.error } : { file: f, sha256: r.sha256, result: r.result });
  }
  if (opts.json) io.out(JSON.stringify(rows.map(jsonOf), null, 2));
  else if (opts.csv) io.out(csvOf(rows));
  else for (const r of rows) textOf(r, io);
  for (const r of rows) if ('error' in r) io.err(`credence: ${r.error}`);
  return rows.some((r) => 'error' in r) ? EXIT.failed : EXIT.ok;
}
