// OCR's best-known misreading in typed policies: "rn" set tight reads as "m" ("warn" → "wam",
// "warning" → "waming"; tesseract and the native CLI alike on the scans of the corpus). A rule's
// trigger word with "rn" in it is written with tolerantRn so a scanned page's misread word still
// triggers it. Only "rn" → "m": the misread forms are not English words, so no digital text
// matches them by accident ("warm", with "rm", is left alone).

/** The regular expression with every "rn" of its source also matching "m". */
export function tolerantRn(re: RegExp): RegExp {
  return new RegExp(re.source.replace(/rn/g, '(?:rn|m)'), re.flags);
}
