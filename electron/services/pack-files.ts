// Checklist and rubric packs are both versioned JSON validated by a zod schema: bundled ones are
// read from a folder at start, imported ones come from a file a reviewer picks. One reader, one
// parser, with errors that name the file and the offending field.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ServiceError } from '../../shared/result.ts';
import { describeZodError } from '../api/dispatcher.ts';
import { jsonProblem } from './json-text.ts';

export function readBundledPacks<S extends z.ZodType>(dir: string, schema: S, kind: string): Array<z.output<S>> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = schema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`Bundled ${kind} ${f} is invalid: ${describeZodError(parsed.error).message}`);
      return parsed.data;
    });
}

// A pack is a small JSON file; anything far bigger is not one, and is not read whole.
export const MAX_PACK_BYTES = 5 * 1024 * 1024;

/**
 * Reads and validates a pack the reviewer picked. Every message names the file and the problem
 * (the place where the JSON breaks, the field that is wrong) and never quotes the file's text:
 * the file may be anything on the machine.
 */
export function parsePackFile<S extends z.ZodType>(file: string, schema: S, kind: string): z.output<S> {
  const name = path.basename(file);
  const refuse = (why: string): never => {
    throw new ServiceError('invalid_input', `${name} cannot be imported as a ${kind}: ${why}.`);
  };
  let text = '';
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) refuse('it is not a file');
    if (st.size > MAX_PACK_BYTES) refuse(`it is ${(st.size / 1024 / 1024).toFixed(1)} MB, and a pack is at most ${MAX_PACK_BYTES / 1024 / 1024} MB`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    refuse((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : 'it cannot be read');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    refuse(`it is ${jsonProblem(text)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { message, fields } = describeFileZodError(parsed.error);
    throw new ServiceError('invalid_input', `${name} is not a valid ${kind}. ${message}`, fields);
  }
  return parsed.data;
}

// Field paths name keys the file chose; only plain identifiers and indexes are repeated back,
// and an unknown key is reported as such, without its text.
const SAFE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]{0,39}$/;
function describeFileZodError(error: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map((k) => (typeof k === 'number' || (typeof k === 'string' && SAFE_KEY.test(k)) ? String(k) : '…')).join('.') || '(file)';
    const message = issue.code === 'unrecognized_keys' ? `${issue.keys.length === 1 ? 'a field' : `${issue.keys.length} fields`} this format does not have` : issue.message;
    fields[key] ??= message;
  }
  const parts = Object.entries(fields).map(([k, m]) => (k === '(file)' ? m : `${k}: ${m}`));
  return { message: parts.join(' '), fields };
}
