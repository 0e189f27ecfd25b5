// The passwords of encrypted policy PDFs, kept beside their documents (migration 014 says why)
// so the viewer, the OCR page renderer and a bundle's reader can open the stored file again.
// A password never reaches the audit trail, a document's record, a log or an error message.
import type Database from 'better-sqlite3';

/** Far longer than any PDF password (PDF 2.0 allows 127 bytes of UTF-8). */
export const MAX_PDF_PASSWORD_CHARS = 1024;

export function createDocumentPasswords(db: Database.Database) {
  const read = db.prepare<[string], { password: string }>('SELECT password FROM document_passwords WHERE document_id = ?');
  const write = db.prepare('INSERT INTO document_passwords (document_id, password) VALUES (?, ?) ON CONFLICT (document_id) DO UPDATE SET password = excluded.password');
  return {
    /** The password that opens the document, when it needs one and it is known. */
    get(documentId: string): string | null {
      return read.get(documentId)?.password ?? null;
    },
    /** Inside the caller's write transaction. */
    remember(documentId: string, password: string): void {
      write.run(documentId, password);
    },
  };
}
export type DocumentPasswords = ReturnType<typeof createDocumentPasswords>;
