// Whether a document directs anybody. A public FAQ describes policy in questions and answers:
// its stances are "described, not directed".
const FAQ = /\bfrequently asked questions\b|\bFAQs?\b/;

export function isDirective(pages: string[], fileName = ''): boolean {
  const qLines = pages.join('\n').split('\n').filter((l) => /^\s*Q[.:]\s/.test(l)).length;
  return !(FAQ.test(fileName) || FAQ.test(pages[0] ?? '') || qLines >= 3);
}
