// OCR's best-known misreading in typed policies: "rn" set tight reads as "m" ("warn" → "wam",
// "warning" → "waming"; tesseract and the native CLI alike on the scans of the corpus), less
// often as "rm" ("Warming shots"). A rule's trigger word with "rn" in it is written with
// tolerantRn so a scanned page's misread word still triggers it. By default only "rn" → "m": the
// misread forms are not English words, so no digital text matches them by accident, where "rm"
// would make "warn" match "warm". `rm` is for phrases no digital text holds with "rm" ("warming shot").

/** The regular expression with every "rn" of its source also matching "m" (and "rm" when asked). */
export function tolerantRn(re: RegExp, opts: { rm?: boolean } = {}): RegExp {
  return new RegExp(re.source.replace(/rn/g, opts.rm ? '(?:rn|m|rm)' : '(?:rn|m)'), re.flags);
}
