// Documents name themselves: sentences written from how directives are laid out (not copied
// from the corpus), then every corpus PDF's first pages as the extractor reads them.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentTitle, fileTitle, isMeaningfulTitle, tidyCase } from '../../../shared/domain/document-title.ts';
import { corpusFile, corpusPresent } from '../../support/workspace.ts';

describe('isMeaningfulTitle', () => {
  it('refuses letterheads, form names, word-processor leftovers and file names', () => {
    for (const t of ['POLICE DEPARTMENT', 'Riverside Police Department', "Lake County Sheriff's Office", 'Village of Oakton', 'General Order', 'STANDARD OPERATING PROCEDURE', 'Policy Manual', 'Microsoft Word - 4.12 taser.doc', 'Untitled', 'Document1', 'GO_4-12_final', 'scan0001.pdf', 'uof.docx', '', '   ', '12', null]) {
      expect(isMeaningfulTitle(t), String(t)).toBe(false);
    }
  });
  it('accepts a title that names a subject', () => {
    for (const t of ['Vehicle Pursuits', 'Use of Force and Restraint', 'Riverside PD General Order 300: Response to Resistance', 'Body-Worn Cameras']) expect(isMeaningfulTitle(t), t).toBe(true);
  });
});

describe('documentTitle', () => {
  it('takes a meaningful metadata title, with the number the header gives', () => {
    expect(documentTitle('Vehicle Pursuits', ['CITY OF OAKTON POLICE\nDIRECTIVE: 412-B\nSUBJECT: PURSUIT DRIVING'], 'x.pdf')).toEqual({ title: '412-B Vehicle Pursuits', number: '412-B', source: 'metadata' });
  });
  it('reads the subject line and the directive number when the metadata title is the letterhead', () => {
    const page = 'POLICE DEPARTMENT\nVILLAGE OF OAKTON\nDIRECTIVE:  412-B\nREFERENCE STANDARDS:  41.2.2\nSUBJECT:  Vehicle Pursuits\nPURPOSE:  To set the rules for pursuits.';
    expect(documentTitle('POLICE DEPARTMENT', [page], 'scan.pdf')).toEqual({ title: '412-B Vehicle Pursuits', number: '412-B', source: 'subject' });
  });
  it('finds the value on the line after a bare label, and drops a field that follows on the same line', () => {
    expect(documentTitle(null, ['GENERAL ORDER  Date of Issue\nMay 1, 2021\nNo.\nT-07\nSubject\nTOWING AND IMPOUNDS\nDistribution\nA'], 'a.pdf').title).toBe('T-07 Towing and Impounds');
    expect(documentTitle(null, ['DIRECTIVE\nNUMBER  EV-04\nSUBJECT:  EVIDENCE HANDLING  DISTRIBUTION\nA, B'], 'a.pdf').title).toBe('EV-04 Evidence Handling');
  });
  it('joins an upper-case subject that wraps onto the next line', () => {
    expect(documentTitle(null, ['NUMBER  K-2\nSUBJECT:  CARE OF DEPARTMENT-\nOWNED CANINES\nDISTRIBUTION'], 'a.pdf').title).toBe('K-2 Care of Department-Owned Canines');
  });
  it('qualifies a bare numeric number with the kind of order', () => {
    expect(documentTitle(null, ['OAKTON POLICE DEPARTMENT\nGENERAL ORDER\nNUMBER: 2.14\nTITLE: SEARCH WARRANTS\nSERIES NUMBER: 2 - OPS\nSERIES TITLE: OPERATIONS'], 'a.pdf').title).toBe('GO 2.14 Search Warrants');
    expect(documentTitle(null, ['Policy Number: 4.2.07  Issued: 01/02/2020\nPolicy Title :  Crowd Control'], 'a.pdf').title).toBe('Policy 4.2.07 Crowd Control');
    expect(documentTitle(null, ['RE: Off-duty employment\nGeneral Order: 19-02'], 'a.pdf').title).toBe('19-02 Off-duty employment');
  });
  it('reads a Lexipol policy heading', () => {
    const page = 'Policy\n402  Oakton Police Department\nOakton PD Policy Manual\nCopyright Lexipol, LLC 2019/01/01, All Rights Reserved.\nVehicle Towing\n402.1  PURPOSE AND SCOPE\nThis policy provides guidelines.';
    expect(documentTitle(null, [page], 'a.pdf')).toEqual({ title: 'Policy 402 Vehicle Towing', number: '402', source: 'subject' });
  });
  it('takes the heading under the form name when there is no subject label', () => {
    expect(documentTitle('Microsoft Word - 3.02.doc', ['SOP Number: 3.02\nOAKTON POLICE DEPARTMENT\nSTANDARD OPERATING PROCEDURE\nPRISONER TRANSPORT\nReviewed by: Lt. Smith'], 'a.pdf').title).toBe('SOP 3.02 Prisoner Transport');
  });
  it('does not take prose for a subject line', () => {
    expect(documentTitle(null, ['Subject to the approval of the chief, officers may carry a second weapon.\nRe-qualification is annual.'], 'Secondary Weapons.pdf')).toEqual({ title: 'Secondary Weapons', number: null, source: 'file' });
  });
  it('falls back to the file name without its extension', () => {
    expect(documentTitle('', [''], '/tmp/x/IL_Oakton_FAQ.PDF')).toEqual({ title: 'IL_Oakton_FAQ', number: null, source: 'file' });
    expect(fileTitle('C:\\docs\\policy.pdf')).toBe('policy');
  });
  it('title-cases upper-case subjects but keeps initialisms and mixed case', () => {
    expect(tidyCase('USE OF NON-LETHAL/LESS LETHAL FORCE')).toBe('Use of Non-Lethal/Less Lethal Force');
    expect(tidyCase('PPCT AND OC SPRAY')).toBe('PPCT and OC Spray');
    expect(tidyCase('Use of Force')).toBe('Use of Force');
  });
});

/** The first two pages' text, joined the way the extraction worker joins pdf.js items. */
async function firstPages(file: string): Promise<{ meta: string | null; pages: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0 }).promise;
  const info = ((await doc.getMetadata().catch(() => null))?.info ?? {}) as { Title?: unknown };
  const pages: string[] = [];
  for (let p = 1; p <= Math.min(2, doc.numPages); p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    let text = '';
    let pending = false;
    for (const it of content.items) {
      if (!('str' in it)) continue;
      if (it.str.length) {
        if (pending && !/\s$/.test(text)) text += ' ';
        text += it.str;
        pending = true;
      }
      if (it.hasEOL) {
        text += '\n';
        pending = false;
      }
    }
    pages.push(text);
  }
  await doc.cleanup();
  await doc.loadingTask.destroy();
  return { meta: typeof info.Title === 'string' ? info.Title : null, pages };
}

const EXPECTED: Record<string, string | RegExp> = {
  'IL_ArlingtonHeightsPD_1.5_Response_to_Resistance_2020.pdf': /^(GO )?1\.5 Response to Resistance$/,
  'IL_BloomingtonPD_101_Domestic_Violence.pdf': 'SOP 1.01 Domestic Violence Policy',
  'IL_BloomingtonPD_SOP6.01_Response_to_Aggression_2017.pdf': 'SOP 6.01 Response to Agression',
  'IL_BuffaloGrovePD_W-03_Use_of_Force_2020.pdf': 'W-03 Use of Force',
  'IL_HanoverParkPD_163-A_Personnel_Early_Intervention_System_2020.pdf': '163-A Personnel Early Intervention System',
  'IL_HanoverParkPD_205-P_Use_of_Force_2020.pdf': '205-P Use of Force',
  'IL_HanoverParkPD_230-P_Canine_Unit.pdf': '230-P Canine Unit',
  'IL_LaGrangePD_Lexipol_Full_Policy_Manual_2020.pdf': 'IL_LaGrangePD_Lexipol_Full_Policy_Manual_2020',
  'IL_LakeCountySO_1.6.01_Use_of_Force_2020.pdf': 'Policy 1.6.01 Use of Force',
  'IL_MundeleinPD_Use_of_Force_2015.pdf': '15-35R Use of Force',
  'IL_RockfordPD_FAQ_Policies_Training_2020-06-04.pdf': 'IL_RockfordPD_FAQ_Policies_Training_2020-06-04',
  'IL_RockfordPD_GO1.06_Response_to_Resistance_2017.pdf': 'GO 1.06 Response to Resistance',
  'IL_SpringfieldPD_UOF-01_NonLethal_LessLethal_Force.pdf': 'UOF-01 Use of Non-Lethal/Less Lethal Force',
  'IL_SpringfieldPD_UOF-02_Deadly_Force.pdf': 'UOF-02 Use of Deadly Force',
  'IL_UrbanaPD_Lexipol300_Use_of_Force_2017.pdf': 'Policy 300 Use of Force',
  'VA_HarrisonburgPD_Lexipol300_Use_of_Force_2020.pdf': 'Policy 300 Use of Force',
};

describe.skipIf(!corpusPresent())('documentTitle on the 16 corpus policies', () => {
  it('names each one by its number and subject (or its file name when it has neither)', async () => {
    const got: Record<string, string> = {};
    for (const name of Object.keys(EXPECTED)) {
      const { meta, pages } = await firstPages(corpusFile(name));
      got[name] = documentTitle(meta, pages, name).title;
    }
    console.log(Object.entries(got).map(([f, t]) => `${t.padEnd(48)} ← ${f}`).join('\n'));
    for (const [name, want] of Object.entries(EXPECTED)) {
      if (typeof want === 'string') expect(got[name], name).toBe(want);
      else expect(got[name], name).toMatch(want);
    }
  }, 120_000);
});
