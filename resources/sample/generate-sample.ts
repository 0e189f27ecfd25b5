// Generates the sample case's policy PDF: a synthetic agency's use-of-force general order,
// written to look and read like the real ones reviewers receive (numbered sections, a running
// header, a list that continues across a page break). Deterministic: same bytes every run.
// Usage: node resources/sample/generate-sample.ts [out-folder]  (also writes the scanned bulletin, sample-bulletin.ts)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_FILE_NAME, SAMPLE_SCAN_FILE_NAME } from '../../electron/services/sample/sample-file.ts';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export const SAMPLE_PDF = fileURLToPath(new URL(`./${SAMPLE_FILE_NAME}`, import.meta.url));
export const SAMPLE_SCAN_PDF = fileURLToPath(new URL(`./${SAMPLE_SCAN_FILE_NAME}`, import.meta.url));

type Block = { kind: 'h' | 'p' | 'li' | 'break'; text?: string };

const BLOCKS: Block[] = [
  { kind: 'h', text: 'GENERAL ORDER 300 - RESPONSE TO RESISTANCE AND USE OF FORCE' },
  { kind: 'p', text: 'Effective: March 1, 2026. Rescinds: General Order 300 (2019). Approved by: Chief of Police. This order is a synthetic sample created for the Credence review workbench; the agency does not exist.' },
  { kind: 'h', text: '300.1 PURPOSE AND SCOPE' },
  { kind: 'p', text: 'This order guides members of the Riverside Police Department in the reasonable use of force. The sanctity of human life is the foundation of this policy. Members shall use only the force that is objectively reasonable, necessary and proportional to the threat, and shall stop using force once the person is under control.' },
  { kind: 'h', text: '300.2 DEFINITIONS' },
  { kind: 'p', text: 'Chokehold: Applying any direct pressure to the throat, windpipe, or airway of another with the intent to reduce or prevent the intake of air.' },
  { kind: 'p', text: 'Vascular neck restraint: A technique that restricts blood flow to the head by compressing the sides of the neck, sometimes called a carotid control hold.' },
  { kind: 'p', text: 'Deadly force: Force which creates a substantial risk of causing death or great bodily harm.' },
  { kind: 'p', text: 'De-escalation: Actions taken to stabilize a situation and reduce the immediacy of a threat so that more time, options and resources are available.' },
  { kind: 'h', text: '300.3 DE-ESCALATION' },
  { kind: 'p', text: 'When safe and feasible, members shall use de-escalation techniques such as time, distance, cover, verbal persuasion and tactical repositioning before using force. All sworn members complete annual scenario-based de-escalation training that includes encounters with people in mental health crisis.' },
  { kind: 'h', text: '300.4 DUTY TO INTERVENE AND MEDICAL AID' },
  { kind: 'p', text: 'Any member present who observes another member using force that is clearly beyond what is objectively reasonable shall intervene when in a position to do so and shall report the observation to a supervisor. Members shall render medical aid consistent with their training as soon as it is safe to do so after any use of force.' },
  { kind: 'h', text: '300.5 PROHIBITED TECHNIQUES' },
  { kind: 'p', text: 'Except where deadly force is justified, the following techniques will not be used by any member of the Department:' },
  { kind: 'li', text: '(a) Strikes to the head with an impact weapon;' },
  { kind: 'li', text: '(b) Shooting at or from a moving vehicle, unless deadly force is justified by means other than the vehicle;' },
  { kind: 'li', text: '(c) Warning shots;' },
  { kind: 'li', text: '(d) Kneeling on the neck, back or chest of a restrained person;' },
  { kind: 'li', text: '(e) Vascular neck restraints or carotid control holds;' },
  { kind: 'break' },
  { kind: 'li', text: '(f) Choke holds.' },
  { kind: 'p', text: 'A member shall not use a chokehold to prevent the destruction of evidence by ingestion.' },
  { kind: 'h', text: '300.6 REPORTING AND REVIEW' },
  { kind: 'p', text: 'Every use of force beyond unresisted handcuffing is reported before the end of shift and reviewed by a supervisor. The Professional Standards Unit reviews every report and publishes an annual use-of-force analysis on the Department website, including demographic data.' },
  { kind: 'h', text: '300.7 EARLY INTERVENTION SYSTEM' },
  { kind: 'p', text: 'The Department maintains a non-disciplinary early intervention system to identify members who may benefit from support. Indicators include uses of force, citizen complaints, vehicle pursuits, preventable crashes, civil claims and sick leave. Three or more indicators within six months, compared with peers in the same assignment, trigger a documented supervisory review within fourteen days.' },
  { kind: 'p', text: 'Interventions may include counselling, additional training, referral to the employee assistance program, or a change of assignment. Supervisors monitor the member for six months after an intervention. The system and its data quality are audited each year and the audit is reported to the Chief.' },
  { kind: 'h', text: '300.8 COMMUNITY ENGAGEMENT' },
  { kind: 'p', text: 'A Community Police Advisory Board of residents appointed by the City Council meets monthly and reviews proposed changes to this order before adoption. Policies and the annual use-of-force analysis are published online. The Department holds listening sessions in each district twice a year and after any critical incident, and residents sit on oral boards for the hiring of new officers.' },
  { kind: 'p', text: 'Complaints may be made in person, by telephone, online or anonymously, in English and Spanish, and are accepted at the City Clerk\'s office as well as at the police station.' },
];

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function generateSamplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fixed = new Date('2026-03-01T00:00:00Z');
  doc.setTitle('Riverside PD General Order 300: Response to Resistance and Use of Force (sample)');
  doc.setAuthor('Riverside Police Department (synthetic sample)');
  doc.setCreator('Credence sample generator');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const [W, H, M] = [612, 792, 72];
  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const newPage = () => {
    page = doc.addPage([W, H]);
    pages.push(page);
    page.drawText('Riverside Police Department  |  General Order 300  |  Use of Force', { x: M, y: H - 40, size: 8, font: regular, color: rgb(0.35, 0.35, 0.35) });
    y = H - M;
  };
  newPage();
  for (const b of BLOCKS) {
    if (b.kind === 'break') {
      newPage();
      continue;
    }
    const font = b.kind === 'h' ? bold : regular;
    const size = b.kind === 'h' ? 12 : 11;
    const indent = b.kind === 'li' ? 24 : 0;
    const lines = wrap(b.text!, font, size, W - 2 * M - indent);
    if (b.kind === 'h') y -= 8;
    if (y - lines.length * (size + 4) < M + 24) newPage();
    for (const l of lines) {
      page.drawText(l, { x: M + indent, y, size, font });
      y -= size + 4;
    }
    y -= 6;
  }
  pages.forEach((p, i) => p.drawText(`Page ${i + 1} of ${pages.length}`, { x: W / 2 - 24, y: 36, size: 8, font: regular }));
  return doc.save({ useObjectStreams: false });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Into the folder given, else beside this script (where the app and the e2e harness look).
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : path.dirname(SAMPLE_PDF);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, SAMPLE_FILE_NAME), await generateSamplePdf());
  // The scan is drawn with @napi-rs/canvas, which npm installs as pdfjs-dist's optional
  // dependency: where it is missing, the sample is the order alone (the app copes) and says why.
  try {
    const { generateSampleScanPdf } = await import('./sample-bulletin.ts');
    fs.writeFileSync(path.join(dir, SAMPLE_SCAN_FILE_NAME), await generateSampleScanPdf());
  } catch (err) {
    process.stderr.write(`The sample's scanned bulletin was not made (${err instanceof Error ? err.message : String(err)}); the sample case will hold the order alone.\n`);
  }
}
