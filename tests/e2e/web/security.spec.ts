// What the page may do, checked in a real Chromium: the CSP from the built index.html is in
// force, and the renderer asks for nothing outside its own origin.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/test.ts';
import { RENDERER_DIR } from '../support/bridge.ts';
import { CSP } from '../../../shared/csp.ts';

test('the built index.html carries the CSP as a meta tag', () => {
  const html = fs.readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  expect(meta?.[1]).toBe(CSP);
  expect(CSP).not.toMatch(/'unsafe-eval'|https?:|\*/);
  expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline scripts
});

test('the CSP blocks inline script and eval, and the page makes no request outside its origin', async ({ page, harness }) => {
  void harness;
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('https://credence.test/')) outside.push(r.url());
  });
  // A same-origin script (allowed by 'self') that tries eval from inside the page, where the CSP
  // applies; code run by page.evaluate itself comes through DevTools and is not subject to it.
  await page.route('https://credence.test/__probe.js', (r) =>
    r.fulfill({ contentType: 'text/javascript', body: "try { window.__evalRan = (0, eval)('true'); } catch { window.__evalRan = false; } try { window.__fnRan = new Function('return true')(); } catch { window.__fnRan = false; }" }),
  );
  await page.goto('https://credence.test/index.html');
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  const attempts = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    const probe = document.createElement('script');
    probe.src = '/__probe.js';
    await new Promise((resolve) => {
      probe.onload = resolve;
      probe.onerror = resolve;
      document.body.appendChild(probe);
    });
    const w = window as unknown as { __evalRan?: boolean; __fnRan?: boolean };
    const evalRan = w.__evalRan !== false || w.__fnRan !== false;
    let fetched = 'blocked';
    try {
      await fetch('https://example.com/');
      fetched = 'reached';
    } catch {
      fetched = 'blocked';
    }
    await new Promise((r) => setTimeout(r, 50));
    return { inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, evalRan, fetched, violations };
  });
  expect(attempts).toMatchObject({ inline: false, evalRan: false, fetched: 'blocked' });
  expect(attempts.violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
  expect(outside).toEqual([]);
});

test('only the top frame may call the API', async ({ app: page }) => {
  await expect(page.getByRole('heading', { name: /Riverside/ })).toBeVisible();
  const fromTop = await page.evaluate(() => window.credence!.invoke('cases.list', {}));
  expect(fromTop).toMatchObject({ ok: true });
  const malformed = await page.evaluate(() => window.credence!.invoke('cases.create', { agencyName: 42 }));
  expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  const unknown = await page.evaluate(() => window.credence!.invoke('fs.readFile', { path: '/etc/passwd' }));
  expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
});

test('the page cannot name a file: a path sent straight through the bridge is refused, and so is a path posing as a handle', async ({ page, harness }) => {
  await page.goto('https://credence.test/index.html');
  await page.waitForFunction(() => 'credence' in window);
  const probe = await page.evaluate(async () => {
    const c = (window as unknown as { credence: { invoke(m: string, i: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> } }).credence;
    return {
      pack: await c.invoke('checklists.importPack', { path: '/etc/passwd' }),
      bundle: await c.invoke('bundle.export', { caseId: 'any', outPath: '/tmp/stolen.credence-case' }),
      forged: await c.invoke('bundle.import', { handle: '../../../../etc/passwd' }),
    };
  });
  expect(probe.pack).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'The window cannot name files on this computer. Choose the file in Credence’s own dialog.' } });
  expect(probe.bundle).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(probe.forged).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(fs.existsSync('/tmp/stolen.credence-case')).toBe(false);
  void harness;
});
