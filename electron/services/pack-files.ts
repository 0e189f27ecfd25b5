// Checklist and rubric packs are both versioned JSON validated by a zod schema: bundled ones are
// read from a folder at start, imported ones come from a file a reviewer picks. One reader, one
// parser, with errors that name the file and the offending field.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ServiceError } from '../../shared/result.ts';
import { describeZodError } from '../api/dispatcher.ts';

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

export function parsePackFile<S extends z.ZodType>(file: string, schema: S, kind: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : err instanceof SyntaxError ? `it is not valid JSON (${err.message})` : 'it cannot be read';
    throw new ServiceError('invalid_input', `${path.basename(file)} cannot be imported as a ${kind}: ${why}.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { message, fields } = describeZodError(parsed.error);
    throw new ServiceError('invalid_input', `${path.basename(file)} is not a valid ${kind}. ${message}`, fields);
  }
  return parsed.data;
}
