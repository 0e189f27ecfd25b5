// Cheap structural checks made before pdf.js sees a file, so each kind of bad input gets its
// own plain reason. pdf.js would quietly rebuild a damaged file; a reviewer must instead know
// that the copy they hold is not the one the agency wrote.

export interface FileProblem {
  code: 'empty' | 'not_pdf' | 'truncated' | 'corrupt_xref';
  reason: string;
}

const latin1 = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');

export function checkPdfStructure(bytes: Uint8Array): FileProblem | null {
  if (bytes.byteLength === 0) return { code: 'empty', reason: 'The file is empty (0 bytes). Ask the agency to send it again.' };
  const head = latin1(bytes, 0, Math.min(1024, bytes.byteLength));
  if (!head.includes('%PDF-')) {
    const kind = head.startsWith('PK') ? 'a ZIP or Office file' : head.trimStart().startsWith('<') ? 'an HTML or XML file' : 'not a PDF';
    return { code: 'not_pdf', reason: `The file is ${kind}: it does not start with a PDF header. Export it to PDF first, or ask for the PDF.` };
  }
  const tailStart = Math.max(0, bytes.byteLength - 2048);
  const tail = latin1(bytes, tailStart, bytes.byteLength);
  if (!tail.includes('%%EOF')) {
    return { code: 'truncated', reason: 'The file is cut off before its end marker (%%EOF): it was probably truncated in download or copying. Ask for the file again.' };
  }
  const m = /startxref\s+(\d+)\s+%%EOF/g;
  let last: RegExpExecArray | null = null;
  for (let r = m.exec(tail); r; r = m.exec(tail)) last = r;
  if (!last) {
    return { code: 'corrupt_xref', reason: 'The file has no pointer to its cross-reference table (startxref), so its structure cannot be trusted. Re-save it from a PDF reader, or ask for a new copy.' };
  }
  const offset = Number(last[1]);
  const at = offset < bytes.byteLength ? latin1(bytes, offset, Math.min(bytes.byteLength, offset + 64)) : '';
  // A classic table starts with "xref"; a cross-reference stream is an indirect object "n g obj".
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(at)) {
    return { code: 'corrupt_xref', reason: 'The file\'s cross-reference table (the index of its objects) is damaged. Re-save it from a PDF reader ("Print to PDF"), or ask the agency for a new copy.' };
  }
  return null;
}

const ACTIVE = /\/(JavaScript|JS|Launch)\b/;
/** Bytes searched between two turns of the event loop. */
const SCAN_SLICE = 4 * 1024 * 1024;
/**
 * Each slice reads on past its end by more than "/JavaScript" and the byte after it, so a name that
 * starts in a slice is seen whole there, with what follows it ("/JS" cut from "/JSON" is not a match).
 */
const OVERLAP = 16;

/** True when a slice of the raw bytes matches `name`, a slice at a time between turns of the event loop. */
async function mentions(bytes: Uint8Array, name: RegExp): Promise<boolean> {
  for (let at = 0; at < bytes.byteLength; at += SCAN_SLICE) {
    if (name.test(latin1(bytes, at, Math.min(bytes.byteLength, at + SCAN_SLICE + OVERLAP)))) return true;
    if (at + SCAN_SLICE < bytes.byteLength) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return false;
}

/**
 * True when the raw bytes name JavaScript or launch actions. Nothing runs either way; this only
 * informs the reviewer. A slice at a time, so a 100 MB file never holds the main thread for long.
 */
export function mentionsActiveContent(bytes: Uint8Array): Promise<boolean> {
  return mentions(bytes, ACTIVE);
}

/**
 * True when the file may be encrypted: an encryption dictionary is named in its trailer or its
 * cross-reference stream, which are never compressed. A stray mention elsewhere only means a
 * password that opened it is kept without being needed.
 */
export function mentionsEncryption(bytes: Uint8Array): Promise<boolean> {
  return mentions(bytes, /\/Encrypt\b/);
}
