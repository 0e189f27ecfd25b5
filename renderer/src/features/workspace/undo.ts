// Undo and redo for evidence and determination edits: each edit records how to reverse itself
// through the same API calls, so what undo does is exactly what the reviewer could do by hand.
// The history belongs to one person at one step of the review: when who is acting changes, or the
// case moves (submitted, returned, approved, signed, exported), it is cleared. Otherwise a lead's
// Undo after signing would reverse the reviewer's edit under the lead's name and reopen the case.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Command {
  label: string;
  undo: () => Promise<unknown>;
  redo: () => Promise<unknown>;
}

/** `scope`: who is acting and where the case stands; the history is cleared when it changes. */
export function useUndo(onChange: () => void, scope: string) {
  const done = useRef<Command[]>([]);
  const undone = useRef<Command[]>([]);
  const [, bump] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    done.current = [];
    undone.current = [];
    setMessage(null);
    bump((n) => n + 1);
  }, [scope]);

  const record = useCallback((c: Command) => {
    done.current.push(c);
    undone.current = [];
    bump((n) => n + 1);
  }, []);

  const run = useCallback(
    async (from: typeof done, to: typeof done, verb: 'undo' | 'redo') => {
      const c = from.current.pop();
      if (!c) return;
      try {
        await c[verb]();
        to.current.push(c);
        setMessage(`${verb === 'undo' ? 'Undid' : 'Redid'}: ${c.label}`);
      } catch (err) {
        setMessage(`Could not ${verb} “${c.label}”: ${err instanceof Error ? err.message : String(err)}`);
      }
      bump((n) => n + 1);
      onChange();
    },
    [onChange],
  );

  return {
    record,
    undo: () => run(done, undone, 'undo'),
    redo: () => run(undone, done, 'redo'),
    canUndo: done.current.length > 0,
    canRedo: undone.current.length > 0,
    message,
  };
}
export type Undo = ReturnType<typeof useUndo>;
