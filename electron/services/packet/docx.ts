// findings.docx: what the agency reads. Cover, summary with the two mandatory conditions first,
// every item with its determination, rationale and quoted evidence, rubric tables and charts,
// and the sign-off block with the signer's key fingerprint. Headers and page numbers throughout.
import { Resvg } from '@resvg/resvg-js';
import { AlignmentType, Document, Footer, Header, HeadingLevel, ImageRun, Packer, PageBreak, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { groupFingerprint } from '../identity/keys.ts';
import { citation, type Findings } from './findings.ts';

const p = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) => new Paragraph({ children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, size: opts.size })] });
const cell = (text: string, bold = false) => new TableCell({ children: [p(text, { bold })] });
const table = (rows: string[][]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: rows.map((r, i) => new TableRow({ tableHeader: i === 0, children: r.map((c) => cell(c, i === 0)) })) });

function chartPng(svg: string): { data: Buffer; width: number; height: number } {
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } }).render();
  return { data: r.asPng(), width: r.width / 2, height: r.height / 2 };
}

/** A rubric's result in words: a percentage and band only when every criterion was scored. */
export function rubricResult(r: Findings['rubrics'][number]): string {
  if (r.assessed === 'none') return 'Not assessed';
  if (r.assessed === 'partial') return `${r.criteriaScored} of ${r.criteriaTotal} criteria scored (no band)`;
  return `${r.percent}% — ${r.band}`;
}

const ANSWER: Record<string, string> = { yes: 'Yes', partial: 'Partial', no: 'No' };

/** One scorecard row as table cells: pages grouped per document ("GO 1, pp. 3, 4"). */
export function scorecardCells(r: Findings['scorecard'][number]): string[] {
  const byDoc = new Map<string, number[]>();
  for (const x of r.pages) byDoc.set(x.document, [...(byDoc.get(x.document) ?? []), x.page]);
  const pages = [...byDoc].map(([doc, ps]) => `${doc}, ${ps.length > 1 ? 'pp.' : 'p.'} ${ps.join(', ')}`).join('; ');
  const qualifiers = [r.describedOnly ? 'described, not directed' : '', r.unread.length ? `needs OCR: ${r.unread.join(', ')}` : ''].filter(Boolean);
  return [r.label, `${ANSWER[r.answer] ?? r.answer}${qualifiers.length ? ` (${qualifiers.join('; ')})` : ''}`, r.basis.map((b) => `${b.ruleId}: ${b.stance.replace(/_/g, ' ')}`).join('; '), pages || '—'];
}

const SPR_ACTION: Record<string, string> = {
  'single-person-review-on': 'turned on',
  'single-person-review-off': 'turned off',
  'two-person-rule-waived': 'two-person rule waived',
};

export async function findingsDocx(f: Findings): Promise<Buffer> {
  const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
  const mandatory = f.items.filter((i) => i.kind === 'mandatory');
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Certification review findings')] }),
    p(f.case.agencyName, { bold: true, size: 32 }),
    table([
      ['Field', 'Value'],
      ['Agency', `${f.case.agencyName} (ORI ${f.case.ori}, ${f.case.state})`],
      ['Case', f.case.id],
      ['Checklist', `${f.checklistPack.title} — ${f.checklistPack.id} v${f.checklistPack.version}`],
      ['Review due', date(f.case.dueDate)],
      ['Packet generated', f.generatedAt],
      ['Reviewer(s)', f.people.map((x) => `${x.person} (key ${groupFingerprint(x.fingerprint).slice(0, 19)}…)`).join('; ') || '—'],
      ['Review lead', f.lead ? `${f.lead.name} <${f.lead.email}>` : '—'],
      ['Items decided', `${f.progress.decided} of ${f.progress.total} (mandatory ${f.progress.mandatoryDecided} of ${f.progress.mandatoryTotal})`],
    ]),
    f.singlePersonReview ? p('This review was completed under single-person review: the two-person rule was waived for this case (see "Single-person review" below).', { italics: true }) : p(''),
    ...f.singlePersonReviewLog.map((x) => p(`Single-person review: ${SPR_ACTION[x.action] ?? x.action} by ${x.actor} on ${x.at}.`, { size: 18 })),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Summary')] }),
    p('Mandatory conditions (EO 13929 sec. 2(c)(i)–(ii)):', { bold: true }),
    table([['Condition', 'Determination'], ...mandatory.map((i) => [i.title, i.determination])]),
    p(''),
    table([['Item', 'Kind', 'Determination'], ...f.items.filter((i) => i.kind !== 'mandatory').map((i) => [i.title, i.kind, i.determination])]),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Determinations and evidence')] }),
  ];
  let group = '';
  for (const i of f.items) {
    if (i.group !== group) {
      group = i.group;
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(group)] }));
    }
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(i.title)] }));
    if (i.orderText) children.push(p(`The order: “${i.orderText}”`, { italics: true }));
    children.push(p(`Citations: ${i.citations.join('; ')}`, { size: 18 }));
    children.push(new Paragraph({ children: [new TextRun({ text: 'Determination: ', bold: true }), new TextRun(i.determination)] }));
    if (i.rationale) children.push(new Paragraph({ children: [new TextRun({ text: 'Rationale: ', bold: true }), new TextRun(i.rationale)] }));
    if (i.noRuleFound) children.push(p('The policies contain no such rule.', { italics: true }));
    if (i.decidedBy) children.push(p(`Decided by ${i.decidedBy} on ${date(i.decidedAt)}.`, { size: 18 }));
    if (i.madeBy.length) children.push(p(`Made by: ${i.madeBy.map((x) => (x.fingerprint ? `${x.person}, key ${groupFingerprint(x.fingerprint)}` : `${x.person} (no identity key)`)).join('; ')}.`, { size: 18 }));
    for (const e of i.evidence) children.push(new Paragraph({ indent: { left: 400 }, children: [new TextRun({ text: `“${e.quote}”`, italics: true }), new TextRun(` — ${citation(e.document, e.pages)} (${[e.stance, e.ocr ? 'OCR text' : '', e.scannerText ? "scanner's OCR text" : ''].filter(Boolean).join('; ')})`)] }));
  }
  if (f.scorecard.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("8 Can't Wait scorecard")] }));
    children.push(p('Campaign Zero’s eight indicators, answered from the stances the pre-review read in the policies (not determinations by the reviewer). A firm, general rule counts as yes.', { italics: true }));
    children.push(table([['Indicator', 'Answer', 'Stances', 'Pages'], ...f.scorecard.map(scorecardCells)]));
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Rubric scores')] }));
  for (const r of f.rubrics) {
    const result = rubricResult(r);
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${r.title} (v${r.version}): ${result}`)] }));
    if (r.assessed === 'none') {
      // Nothing to tabulate or chart: a table of blanks and an empty chart would read as zeros.
      children.push(p(`Nobody scored this rubric: none of its ${r.criteriaTotal} criteria was assessed, so it gives no finding.`, { italics: true }));
      continue;
    }
    if (r.assessed === 'partial') children.push(p(`Only ${r.criteriaScored} of ${r.criteriaTotal} criteria were scored; the others are marked “Not assessed”. A total and band are given only when every criterion is scored.`, { italics: true }));
    if (r.scoredBy) children.push(p(`Scored by ${r.scoredBy}.`, { size: 18 }));
    children.push(table([['Criterion', 'Weight', 'Level (0–3)', 'Rationale'], ...r.criteria.map((c) => [c.title, String(c.weight), c.assessed ? String(c.level) : 'Not assessed', c.rationale ?? ''])]));
    const png = chartPng(r.chartSvg);
    const scale = Math.min(1, 600 / png.width);
    children.push(new Paragraph({ children: [new ImageRun({ type: 'png', data: png.data, transformation: { width: Math.round(png.width * scale), height: Math.round(png.height * scale) }, altText: { name: r.title, title: `${r.title} chart`, description: `${r.title}: ${result}` } })] }));
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Sign-off')] }));
  if (f.lead) {
    children.push(p(`Signed by ${f.lead.name} <${f.lead.email}>, review lead.`, { bold: true }));
    children.push(p(`Signing key fingerprint (SHA-256): ${groupFingerprint(f.lead.fingerprint)}`));
  }
  if (f.acknowledgedGaps.length) {
    children.push(p('The lead signed knowing of these gaps, each confirmed separately:', { bold: true }));
    for (const g of f.acknowledgedGaps) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${g.statement}.`)] }));
  } else {
    children.push(p('The lead signed with no open gaps: every item decided, every rubric criterion scored, no stale or contradicted determination.'));
  }
  children.push(p('This document is one file of a signed review packet. To check that the packet is authentic and unaltered, follow VERIFY.txt in the packet; no Credence software is needed.'));

  const doc = new Document({
    creator: 'Credence',
    title: `Review findings — ${f.case.agencyName}`,
    sections: [
      {
        headers: { default: new Header({ children: [p(`${f.case.agencyName} — certification review findings (${f.checklistPack.id} v${f.checklistPack.version})`, { size: 16 })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 })] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
