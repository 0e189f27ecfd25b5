import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPath, respond } from '../../../electron/main/protocol.ts';
import { CSP_HEADER } from '../../../shared/csp.ts';

const root = path.resolve('/srv/renderer');
const DOC = '0b5e1c8e-4f7a-4c53-9f1e-2a6f6f1f0a11';
const blobFor = (id: string) => (id === DOC ? '/data/blobs/ab/abc.pdf' : null);
const resolve = (p: string) => resolveAppPath(p, root, blobFor);

describe('app:// resolver', () => {
  it('serves the renderer files and the index at /', () => {
    expect(resolve('/')).toEqual({ kind: 'file', file: path.join(root, 'index.html'), mime: 'text/html; charset=utf-8' });
    expect(resolve('/assets/index-abc.js')).toMatchObject({ kind: 'file', file: path.join(root, 'assets/index-abc.js') });
    expect(resolve('/pdfjs/wasm/openjpeg.wasm')).toMatchObject({ mime: 'application/wasm' });
  });

  it('serves a known document by id and nothing for an unknown one', () => {
    expect(resolve(`/documents/${DOC}.pdf`)).toEqual({ kind: 'file', file: '/data/blobs/ab/abc.pdf', mime: 'application/pdf' });
    expect(resolve('/documents/00000000-0000-0000-0000-000000000000.pdf')).toEqual({ kind: 'not_found' });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2E%2E/%2E%2E/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/documents/../../../etc/passwd',
    '/assets\\..\\..\\windows\\win.ini',
    '/index.html%00.png',
    '/%E0%A4%A',
  ])('refuses %s', (p) => {
    expect(resolve(p).kind).toBe('forbidden');
  });

  it('refuses absolute paths smuggled in', () => {
    expect(resolve('//etc/passwd').kind).not.toBe('file');
    expect(resolve('/C:/Windows/win.ini').kind).toBe('forbidden');
  });

  it('does not serve files of unknown kinds', () => {
    expect(resolve('/credence.sqlite')).toEqual({ kind: 'not_found' });
  });

  it('answers 403 and 404 with the CSP header', async () => {
    const r = await respond({ kind: 'forbidden', reason: 'x' });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(CSP_HEADER).toContain("frame-ancestors 'none'");
    expect((await respond({ kind: 'not_found' })).status).toBe(404);
  });
});
