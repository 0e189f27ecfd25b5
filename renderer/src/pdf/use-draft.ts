// A toolbar number box (page, zoom) that both the viewer and the reader write to. What the reader
// types is theirs until Enter or leaving the box: the viewer announcing its own number meanwhile
// (a scroll, a pane refitting its width, which pdf.js announces even when the scale is unchanged)
// must not overwrite it, or Enter applies the viewer's number instead of the reader's.
import { useRef, useState, type ChangeEvent } from 'react';

export interface Draft {
  /** What the box shows. */
  value: string;
  /** The viewer's number: shown unless the reader is typing one. Safe to call from handlers bound once. */
  show(v: string): void;
  /** The reader pressed Enter: the draft is done with, and the box shows `v`. */
  settle(v: string): void;
  /** For the <input>: typing starts a draft; leaving the box unentered goes back to `current()`. */
  bind(current: () => string): { value: string; onChange(e: ChangeEvent<HTMLInputElement>): void; onBlur(): void };
}

export function useDraft(initial: string): Draft {
  const [value, setValue] = useState(initial);
  const editing = useRef(false);
  return {
    value,
    show: (v) => {
      if (!editing.current) setValue(v);
    },
    settle: (v) => {
      editing.current = false;
      setValue(v);
    },
    bind: (current) => ({
      value,
      onChange: (e) => {
        editing.current = true;
        setValue(e.target.value);
      },
      onBlur: () => {
        if (!editing.current) return;
        editing.current = false;
        setValue(current());
      },
    }),
  };
}
