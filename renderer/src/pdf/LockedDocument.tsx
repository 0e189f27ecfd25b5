// An encrypted policy whose password this workspace does not have (imported before passwords were
// kept, or from an older bundle), or whose kept password no longer opens it: asked for where the
// pages would be. Once it opens the file, the viewer keeps it (documents.rememberPassword).
import { PasswordRetry } from '../features/documents/PasswordRetry.tsx';

export interface PasswordAsk {
  /** The password tried (kept or typed) did not open the file. */
  wrong: boolean;
  submit: (password: string) => void;
}

export function LockedDocument({ title, ask }: { title: string; ask: PasswordAsk }) {
  return (
    <div className="locked-document" role="group" aria-label="Password needed">
      <p role="alert">
        {ask.wrong
          ? 'That password does not open this PDF. Check it with the agency and try again.'
          : 'This PDF is password-protected. Enter its password to show its pages; it is kept with the document, and any scanned pages waiting for it are then read.'}
      </p>
      <PasswordRetry key={String(ask.wrong) + title} file={title} disabled={false} onSubmit={ask.submit} autoFocus />
    </div>
  );
}
