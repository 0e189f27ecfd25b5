// What the person exporting a case bundle is told when it carries the passwords of encrypted
// documents: a bundle is signed, not encrypted, so whoever holds it can open them. The app's
// notice and the CLI say the same. Plain TypeScript with no imports.

/** '' when the bundle carries none; otherwise a sentence, with a leading space. */
export function carriesPasswords(n: number): string {
  if (n <= 0) return '';
  const one = n === 1;
  return ` It carries the password${one ? '' : 's'} of ${n} password-protected document${one ? '' : 's'}, so anyone who has the bundle can open ${one ? 'it' : 'them'}: send it as you would the documents themselves.`;
}
