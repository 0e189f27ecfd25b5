// A policy PDF that needs its password: asked for right under the file's line in the import
// failures, and the same file tried again with it (a chosen file through a fresh single-use
// handle from main, a dropped file from the bytes the window already holds).
import { useId, useState } from 'react';

export function PasswordRetry({ file, disabled, onSubmit, autoFocus = false }: { file: string; disabled: boolean; onSubmit: (password: string) => void; autoFocus?: boolean }) {
  const [password, setPassword] = useState('');
  const id = useId();
  return (
    <form
      className="password-retry"
      onSubmit={(e) => {
        e.preventDefault();
        if (password) onSubmit(password);
      }}
    >
      <label htmlFor={id}>Password for {file}</label>
      <input id={id} type="password" autoComplete="off" autoFocus={autoFocus} value={password} onChange={(e) => setPassword(e.target.value)} disabled={disabled} />
      <button type="submit" disabled={disabled || !password}>
        Open with password
      </button>
    </form>
  );
}
