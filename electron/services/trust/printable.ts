// Text that came from a hostile file, made safe to print: control characters would drive a
// terminal, and direction overrides can make "Lee Lead" out of other letters on screen.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text with every control and direction-changing character written as \uXXXX. */
export const printable = (s: string): string => s.replace(UNPRINTABLE, escape);

/** A name quoted for a message, escaped, and cut at 80 characters. */
export function shown(name: string): string {
  const cut = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return `"${printable(cut).replace(/"/g, '\\"')}"`;
}
