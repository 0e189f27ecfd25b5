// The app:// scheme: serves the built renderer and, under /documents/, a document's PDF bytes
// (so pdf.js streams them, instead of megabytes of JSON over IPC). The resolver is a pure
// function shared with the browser test bridge; it refuses anything that escapes its folder.
import fs from 'node:fs';
import path from 'node:path';
import { CSP_HEADER } from '../../shared/csp.ts';

export type Resolved =
  | { kind: 'file'; file: string; mime: string }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'not_found' };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.icc': 'application/vnd.iccprofile',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

const DOC = /^\/documents\/([0-9a-f-]{36})\.pdf$/;

/**
 * @param rawPath the request's path as it arrived, still percent-encoded
 * @param rendererDir the folder holding the built renderer
 * @param blobFor maps a document id to its stored file
 */
export function resolveAppPath(rawPath: string, rendererDir: string, blobFor: (id: string) => string | null): Resolved {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'forbidden', reason: 'malformed escape' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden', reason: 'bad character' };
  if (decoded.split('/').some((seg) => seg === '..')) return { kind: 'forbidden', reason: 'path traversal' };
  const doc = DOC.exec(decoded);
  if (doc) {
    const file = blobFor(doc[1]!);
    return file ? { kind: 'file', file, mime: MIME['.pdf']! } : { kind: 'not_found' };
  }
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return { kind: 'forbidden', reason: 'absolute path' };
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, rel);
  const inside = path.relative(root, file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return { kind: 'forbidden', reason: 'outside the renderer folder' };
  const mime = MIME[path.extname(file).toLowerCase()];
  if (!mime) return { kind: 'not_found' };
  return { kind: 'file', file, mime };
}

/** Turns a resolution into a Response, with the CSP on every answer. */
export async function respond(resolved: Resolved): Promise<Response> {
  const headers = { 'Content-Security-Policy': CSP_HEADER, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  if (resolved.kind === 'forbidden') return new Response('Forbidden', { status: 403, headers });
  if (resolved.kind === 'not_found') return new Response('Not found', { status: 404, headers });
  try {
    const bytes = await fs.promises.readFile(resolved.file);
    return new Response(bytes, { status: 200, headers: { ...headers, 'Content-Type': resolved.mime } });
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
}
