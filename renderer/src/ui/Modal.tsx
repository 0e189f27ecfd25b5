// A modal form on the native <dialog>: focus is trapped, Esc closes, the first field gets focus.
// Every dialog in the app has the same shape — title, fields, an error beside them, Cancel and
// one primary action — so it lives here once. Once anything has been typed or chosen, Esc and
// Cancel ask before throwing it away (an inline question, so it works without native dialogs).
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';

interface Props {
  id: string;
  title: string;
  submitLabel: string;
  error?: string | null;
  busy?: boolean;
  /** Keeps the primary action off until the form is complete (the sign dialog's confirmations). */
  submitDisabled?: boolean;
  /** False for a form holding nothing worth keeping (a passphrase): it closes without asking. */
  confirmDiscard?: boolean;
  className?: string;
  onSubmit: () => void | Promise<void>;
  onClose: () => void;
  children: ReactNode;
}

export function Modal({ id, title, submitLabel, error, busy, submitDisabled, confirmDiscard = true, className, onSubmit, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const dirty = useRef(false);
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await onSubmit();
  };
  const askToClose = () => {
    if (dirty.current && !confirming) setConfirming(true);
    else ref.current?.close();
  };
  return (
    <dialog
      ref={ref}
      className={`case-form${className ? ` ${className}` : ''}`}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onCancel={(e) => {
        // Esc: a half-filled form asks first; a second Esc while asking keeps the form.
        if (!dirty.current) return;
        e.preventDefault();
        if (confirming) setConfirming(false);
        else setConfirming(true);
      }}
    >
      <form onSubmit={submit} onInput={() => (dirty.current = confirmDiscard)} onChange={() => (dirty.current = confirmDiscard)} noValidate>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        {error && (
          <p className="error form-error" role="alert">
            {error}
          </p>
        )}
        {/* Keyed so React never reuses "Keep editing" as the submit button: the click that
            ends the question would otherwise go on to submit the form. */}
        {confirming ? (
          <div key="discard" className="actions discard" role="group" aria-labelledby={`${id}-discard`}>
            <span id={`${id}-discard`} className="discard-question">
              Discard what you entered?
            </span>
            <button type="button" ref={keep} onClick={() => setConfirming(false)}>
              Keep editing
            </button>
            <button type="button" className="danger" onClick={() => ref.current?.close()}>
              Discard
            </button>
          </div>
        ) : (
          <div key="actions" className="actions">
            <button type="button" onClick={askToClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || submitDisabled}>
              {submitLabel}
            </button>
          </div>
        )}
      </form>
    </dialog>
  );
}
