// An encrypted policy whose password this workspace does not have (imported before passwords were
// kept, or from an older bundle), or whose kept password no longer opens it: asked for where the
// pages would be. Once it opens the file, the viewer keeps it (documents.rememberPassword).
import { PasswordRetry } from '../features/documents/PasswordRetry.tsx';

export interface PasswordAsk {
  /** needed: none is kept; kept-wrong: the one kept does not open it; typed-wrong: the one just typed does not. */
  why: 'needed' | 'kept-wrong' | 'typed-wrong';
  submit: (password: string) => void;
}

const SAY: Record<PasswordAsk['why'], string> = {
  needed: 'This PDF is password-protected. Enter its password to show its pages; it is kept with the document, and any scanned pages waiting for it are then read.',
  'kept-wrong': 'The password kept with this PDF does not open it. Enter its password to show its pages; it replaces the one kept.',
  'typed-wrong': 'That password does not open this PDF. Check it with the agency and try again.',
};

export function LockedDocument({ title, ask }: { title: string; ask: PasswordAsk }) {
  return (
    <div className="locked-document" role="group" aria-label="Password needed">
      <p role="alert">{SAY[ask.why]}</p>
      <PasswordRetry key={ask.why + title} file={title} disabled={false} onSubmit={ask.submit} autoFocus />
    </div>
  );
}
