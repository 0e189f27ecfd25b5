// The password of an encrypted PDF, for `import` and `ocr`. Given on the command line
// (--password P) every user of the machine can read it in the process list, and the shell keeps
// it in its history; --password-stdin reads it from standard input instead: the first line of
// what is piped in (from a password manager, a file only its owner reads), or, in a terminal,
// typed without echo.
import { MAX_PDF_PASSWORD_CHARS } from '../services/documents/document-passwords.ts';
import { askHidden } from './ask-hidden.ts';
import { UsageError } from './output.ts';

export type Input = NodeJS.ReadableStream & { isTTY?: boolean };

export async function pdfPassword(v: { password?: string; 'password-stdin'?: boolean }, input: Input): Promise<string | undefined> {
  if (!v['password-stdin']) return v.password;
  if (v.password !== undefined) throw new UsageError('Give the password once: --password-stdin or --password P, not both.');
  const line = input.isTTY ? await askHidden('Password for the PDF: ', input) : await firstLine(input);
  if (!line) throw new UsageError('--password-stdin read no password: pipe it in (its first line is the password) or type it when asked. Nothing changed.');
  if (line.length > MAX_PDF_PASSWORD_CHARS) throw new UsageError(`The password read from standard input is longer than ${MAX_PDF_PASSWORD_CHARS} characters: pipe in the password alone, on its first line. Nothing changed.`);
  return line;
}

/** The first line of what is piped in, without its line ending; read no further than a password can be long. */
async function firstLine(input: Input): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(b);
    size += b.length;
    if (b.includes(0x0a) || size > MAX_PDF_PASSWORD_CHARS * 4 + 2) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
