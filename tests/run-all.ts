// `npm test`: everything, in order, with one summary line that CI reads.
//   sample PDF → typecheck → build the app → Vitest (unit, integration) → Playwright (web; Electron where present)
// Ends with "N passed, N failed, N skipped" summed over every runner; exits non-zero on any failure.
// Two more checks close the run: every runner gets a temp folder of its own (TMPDIR), which must
// be empty when it ends (every test removes what it creates), and the checkout must look exactly
// as before (nothing ever writes a workspace, a packet or a report into it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-results-'));
const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-run-'));
const checkoutBefore = checkoutState();
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];

function step(label: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  process.stdout.write(`\n── ${label} ──\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TMPDIR: runTmp, ...env } });
  return r.status === 0;
}

function check(label: string, ok: boolean) {
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`);
  if (ok) totals.passed++;
  else totals.failed++;
  return ok;
}

const readJson = (file: string): any => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);

check('sample PDF generated', step('Generating the sample policy PDF', process.execPath, ['resources/sample/generate-sample.ts']));
check('typecheck (tsc --noEmit)', step('Type-checking main, preload, renderer and tests', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']));
const built = check('build (electron-vite)', step('Building the app', bin('electron-vite'), ['build']));

const vitestJson = path.join(out, 'vitest.json');
step('Unit and integration tests (Vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const v = readJson(vitestJson);
if (v) {
  const skipped = (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests + (v.success === false && v.numFailedTests === 0 ? 1 : 0);
  totals.skipped += skipped;
  lines.push(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${skipped} skipped`);
  // A file that fails outside any test (a hook, a crashed worker, an unhandled error) counts as
  // one failure; name it and its message here, where CI's tail of the log shows it.
  // Every failed test is named too, with the first lines of its error: CI keeps only the log's
  // tail, and a file's own message (a temp folder left behind) can follow from a test's failure.
  const firstLines = (m: unknown, n: number) => String(m).split('\n').filter((l) => l.trim()).slice(0, n).join(' | ');
  for (const f of v.testResults ?? []) {
    if (f.status !== 'failed') continue;
    const failed = (f.assertionResults ?? []).filter((a: { status: string }) => a.status === 'failed');
    for (const a of failed as Array<{ fullName?: string; title: string; failureMessages?: string[] }>) {
      lines.push(`  test failed: ${path.relative(root, f.name)} › ${a.fullName ?? a.title}: ${firstLines(a.failureMessages?.[0] ?? 'no message', 3)}`);
    }
    if (failed.length > 0 && !f.message) continue;
    lines.push(`  file failed: ${path.relative(root, f.name)}: ${firstLines(f.message || 'it did not finish (no message: its worker may have crashed or been killed)', 4)}`);
  }
} else check('vitest ran', false);

if (built) {
  const pwJson = path.join(out, 'playwright.json');
  step('End-to-end tests (Playwright: web in Chromium; Electron where its binary exists)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  const p = readJson(pwJson);
  if (p) {
    const s = p.stats;
    totals.passed += s.expected + s.flaky;
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
    lines.push(`playwright: ${s.expected + s.flaky} passed, ${s.unexpected} failed, ${s.skipped} skipped${s.flaky ? ` (${s.flaky} flaky)` : ''}`);
    // Say why each skipped test skipped (the list reporter shows only a dash).
    const why = new Map<string, number>();
    const walk = (suite: any): void => {
      for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === 'skipped') for (const a of t.annotations ?? []) if (a.type === 'skip') why.set(a.description ?? 'no reason given', (why.get(a.description) ?? 0) + 1);
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of p.suites ?? []) walk(suite);
    for (const [reason, n] of why) lines.push(`  ${n} skipped: ${reason}`);
    if (p.errors?.length) {
      totals.failed += p.errors.length;
      lines.push(`playwright: ${p.errors.length} errors outside tests`);
    }
  } else check('playwright ran', false);
} else lines.push('playwright: not run (the build failed)');

// The rule engines against the labelled corpus: a report of figures (accuracy, page recall,
// every disagreement), not a test — the unit tests hold the behaviours. Skipped, saying so,
// when the corpus is absent.
for (const [label, script] of [['Chokehold lint against its labels (report)', 'tests/eval/eval-lint.ts'], ['Pre-review rules against their labels (report)', 'tests/eval/eval-prereview.ts']] as const) {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'credence-eval-'));
  const ran = step(label, process.execPath, [script], { CREDENCE_EVAL_CACHE: cache });
  fs.rmSync(cache, { recursive: true, force: true });
  lines.push(`report: ${path.basename(script)} ${ran ? 'printed above' : 'did not finish (see above); not counted'}`);
}

// Chromium and Playwright keep caches of their own in TMPDIR; those are not ours to clean.
const THIRD_PARTY = /^(playwright-transform-cache|playwright-output|playwright-artifacts|playwright_chromiumdev_profile|org\.chromium\.|\.org\.chromium\.|hsperfdata_|v8-compile-cache|lu\d+\.tmp|OSL_PIPE)/;
const left = fs.readdirSync(runTmp).filter((name) => !THIRD_PARTY.test(name));
if (!check('tests removed their temp files', left.length === 0)) lines.push(`  left in the temp folder: ${left.slice(0, 20).join(', ')}`);
const changed = diffLines(checkoutBefore, checkoutState());
if (!check('checkout unchanged by the tests', changed.length === 0)) lines.push(`  changed in the checkout: ${changed.slice(0, 20).join(', ')}`);
fs.rmSync(runTmp, { recursive: true, force: true });
fs.rmSync(out, { recursive: true, force: true });
process.stdout.write(`\n── Summary ──\n${lines.join('\n')}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;

/** Every path git sees as changed, untracked or ignored (less the build's own outputs). */
function checkoutState(): string[] {
  const r = spawnSync('git', ['status', '--porcelain', '--ignored'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) return [];
  const BUILD_OUTPUT = /^(node_modules\/|out\/|resources\/sample\/[^/]+\.pdf$)/;
  return r.stdout.split('\n').filter(Boolean).filter((l) => !BUILD_OUTPUT.test(l.slice(3)));
}
function diffLines(before: string[], after: string[]): string[] {
  const had = new Set(before);
  return after.filter((l) => !had.has(l));
}
