// A modal form on the native <dialog>: focus is trapped, Esc closes, the first field gets focus.
// Every dialog in the app has the same shape — title, fields, an error beside them, Cancel and
// one primary action — so it lives here once.
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

interface Props {
  id: string;
  title: string;
  submitLabel: string;
  error?: string | null;
  busy?: boolean;
  /** Keeps the primary action off until the form is complete (the sign dialog's confirmations). */
  submitDisabled?: boolean;
  className?: string;
  onSubmit: () => void | Promise<void>;
  onClose: () => void;
  children: ReactNode;
}

export function Modal({ id, title, submitLabel, error, busy, submitDisabled, className, onSubmit, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await onSubmit();
  };
  return (
    <dialog ref={ref} className={`case-form${className ? ` ${className}` : ''}`} aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        {error && (
          <p className="error form-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || submitDisabled}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
