// Names and free text arrive from people, pasted text, PDF metadata and other machines' files.
// Control characters in them are never meant: an ESC sequence in an agency name recolours a
// terminal, a NUL cuts a C string, a bidi override makes "lee" read as "eel". One place strips
// them on input, so every schema that takes a name or a text strips the same set.
import { z } from 'zod';

// C0 controls, DEL and C1 controls (U+0080–U+009F, which include the 8-bit CSI U+009B).
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// The same, keeping tab, line feed and carriage return for multi-line text.
const CONTROLS_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Bidirectional embeddings, overrides and isolates, and the line/paragraph separators.
const LAYOUT = /[\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const BREAKS = /[\t\n\r]/g;

/** A one-line name or title: tabs and line breaks become spaces, every other control is dropped. */
export const stripNameControls = (s: string): string => s.replace(BREAKS, ' ').replace(CONTROLS, '').replace(LAYOUT, '');

/** Multi-line text (rationale, notes, comments): line breaks and tabs stay, other controls go. */
export const stripTextControls = (s: string): string => s.replace(/\r\n?/g, '\n').replace(CONTROLS_EXCEPT_LINES, '').replace(/[\u202a-\u202e\u2066-\u2069]/g, '');

/** A string field for a one-line name: chain .trim(), .min(), .max() as on z.string(). */
export const nameText = () => z.string().overwrite(stripNameControls);

/** A string field for multi-line text: chain .trim(), .min(), .max() as on z.string(). */
export const multiLineText = () => z.string().overwrite(stripTextControls);
