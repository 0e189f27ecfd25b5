// A reviewer and a lead, each with an identity, take the sample case from draft to an exported
// packet in the app; the packet then verifies on the Verify screen.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/test.ts';
import { newIdentity } from '../support/pages.ts';
import { openWorkspace } from '../../../electron/services/workspace.ts';
import { actAs } from '../../support/workspace.ts';
import { E2E_REVIEWER } from '../support/bridge.ts';

const unwrap = (r: { ok: boolean; value?: unknown; error?: { message: string } }) => {
  if (!r.ok) throw new Error(r.error!.message);
  return r.value;
};


test('draft → submitted → approved → signed → exported with two identities, then verified', async ({ app: page, harness }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  const caseId = ((await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } }).value.sampleCaseId;

  await newIdentity(page, 'Ana Reviewer', 'ana@body.example', 'reviewer', 'ana passphrase');
  await expect(page.getByText('Next: A reviewer completes the mandatory items and submits the case.')).toBeVisible();
  // Submitting with the mandatory items undecided is refused, and says why.
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Decide the mandatory items before submitting' })).toBeVisible();

  // The reviewer's determinations (made through the same API the checklist panel uses).
  const doc = ((await harness.ws.dispatch('documents.list', { caseId })) as { ok: true; value: Array<{ id: string }> }).value[0]!.id;
  const a = (await harness.ws.dispatch('annotations.create', { caseId, documentId: doc, page: 3, quote: '(f) Choke holds.', itemIds: ['mandatory.chokehold'] })) as { ok: true; value: { id: string } };
  const b = (await harness.ws.dispatch('annotations.create', { caseId, documentId: doc, page: 1, quote: 'objectively reasonable', itemIds: ['mandatory.adherence-to-law'] })) as { ok: true; value: { id: string } };
  await harness.ws.dispatch('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'Banned except where deadly force is justified.', evidenceIds: [a.value.id] });
  await harness.ws.dispatch('determinations.set', { caseId, itemId: 'mandatory.adherence-to-law', status: 'met', rationale: 'Objective reasonableness.', evidenceIds: [b.value.id] });
  await page.reload();
  await page.getByRole('row', { name: /Riverside/ }).click().catch(() => {});
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.locator('.chip.status-submitted')).toHaveText('Submitted');

  await newIdentity(page, 'Lee Lead', 'lee@body.example', 'lead', 'lee passphrase');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('.chip.status-approved')).toHaveText('Approved');
  await page.getByRole('button', { name: 'Sign…' }).click();
  const sign = page.getByRole('dialog', { name: /Sign the review packet/ });
  // Before the passphrase: what the packet would carry, each gap to confirm on its own.
  const before = sign.getByRole('region', { name: 'Before you sign' });
  await expect(before).toContainText('2 of 21 checklist items decided.');
  await expect(before).toContainText('Early intervention system: not assessed.');
  const undecided = before.getByRole('group', { name: '19 checklist items are undecided' });
  const unscored = before.getByRole('group', { name: '18 rubric criteria are unscored' });
  await undecided.getByText('Show which').click();
  await expect(undecided.getByRole('listitem')).toHaveCount(19);
  await expect(undecided).toContainText('Use-of-force policies and training');
  await unscored.getByText('Show which').click();
  await expect(unscored).toContainText('Community engagement: not assessed — unscored: ');
  await expect(sign).toContainText(/Key fingerprint: ([0-9A-F]{4} ){15}[0-9A-F]{4}/);
  await sign.getByLabel('Passphrase').fill('not my passphrase');
  const signButton = sign.getByRole('button', { name: 'Sign packet' });
  await expect(signButton).toBeDisabled();
  await undecided.getByLabel('I sign with 19 items undecided').check();
  await expect(signButton).toBeDisabled();
  await expect(sign).toContainText('Sign packet stays off until each gap above is confirmed (1 left).');
  await unscored.getByLabel('I sign with 18 rubric criteria unscored (shown as not assessed)').check();
  await expect(signButton).toBeEnabled();
  await sign.getByRole('button', { name: 'Sign packet' }).click();
  await expect(sign.getByRole('alert')).toHaveText('The passphrase is wrong for Lee Lead. Nothing was signed.');
  await sign.getByLabel('Passphrase').fill('lee passphrase');
  await sign.getByRole('button', { name: 'Sign packet' }).click();
  await expect(page.locator('.chip.status-signed')).toHaveText('Signed');

  const out = path.join(path.dirname(harness.dataDir), `${path.basename(harness.dataDir)}-packet.zip`);
  harness.chooseSave(out);
  await page.getByRole('button', { name: 'Export packet' }).click();
  // The window is told the file's name, never the folder.
  await expect(page.getByRole('status').filter({ hasText: 'Packet written to' })).toHaveText(`Packet written to ${path.basename(out)}`);
  await expect(page.locator('.chip.status-exported')).toHaveText('Exported');
  expect(fs.existsSync(out)).toBe(true);

  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('Audit trail intact');
  // The history in plain words, the raw action beside each sentence.
  const trail = page.getByRole('list', { name: 'Audit trail' });
  await expect(trail).toContainText('Lee Lead approved the case');
  await expect(trail).toContainText('Lee Lead signed the review packet');
  await expect(trail).toContainText('Ana Reviewer set Chokeholds prohibited except where the use of deadly force is allowed by law to Met');
  await expect(trail).toContainText('Ana Reviewer linked p. 3 of ');
  await expect(trail).toContainText('review.signed');

  await page.getByRole('button', { name: 'Back to cases' }).click();
  await page.getByRole('button', { name: 'Verify a packet' }).click();
  harness.choose([out]);
  await page.getByRole('button', { name: 'Choose a packet…' }).click();
  const verdict = page.getByRole('region', { name: 'Verification result' });
  // Lee's key is not yet in the roster: a valid signature, but nobody vouched for the key.
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText("Valid signature from an unknown key: not the lead's signature");
  await expect(verdict).toContainText('The packet claims to be signed by Lee Lead <lee@body.example>: unverified.');
  await expect(verdict).toContainText('check that its fingerprint matches, then import it in Settings (Import a public key)');
  await expect(verdict).not.toContainText('Signed by Lee Lead');
  await expect(verdict).not.toContainText('Chokeholds prohibited');

  // With the lead's key in the roster, the same packet is green, under the roster's name.
  const list = (await harness.ws.dispatch('identity.list', {})) as { ok: true; value: Array<{ name: string; publicKeyPem: string }> };
  const keyFile = `${out}.lee.pub.pem`;
  fs.writeFileSync(keyFile, list.value.find((i) => i.name === 'Lee Lead')!.publicKeyPem);
  await harness.ws.dispatch('roster.import', { path: keyFile, name: 'Lee Lead (roster)' });
  fs.rmSync(keyFile);
  harness.choose([out]);
  await page.getByRole('button', { name: 'Choose a packet…' }).click();
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText('Authentic, unaltered, signed by a trusted key');
  await expect(verdict).toContainText(`Checked: ${path.basename(out)}`);
  await expect(verdict).toContainText('Signed by Lee Lead (roster) (the name in your trust roster for this key)');
  await expect(verdict).toContainText('Chokeholds prohibited except where the use of deadly force is allowed by lawMet');

  // A tampered copy is refused with the reason.
  const bytes = fs.readFileSync(out);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  const bad = `${out}.tampered.zip`;
  fs.writeFileSync(bad, bytes);
  harness.choose([bad]);
  await page.getByRole('button', { name: 'Choose a packet…' }).click();
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText('Not valid');
  await expect(verdict).toContainText(`Checked: ${path.basename(bad)}`);
  // A packet that cannot be read at all: its error stands alone, never beside the last verdict.
  harness.choose([`${out}.gone.zip`]);
  await page.getByRole('button', { name: 'Choose a packet…' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(verdict).toHaveCount(0);
  fs.rmSync(out);
  fs.rmSync(bad);
});

test('export the case as a signed bundle; import one from an unknown signer only after confirming its key', async ({ app: page, harness }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  await newIdentity(page, 'Ana Reviewer', 'ana@body.example', 'reviewer', 'ana passphrase');
  const out = path.join(path.dirname(harness.dataDir), `${path.basename(harness.dataDir)}.credence-case`);
  harness.chooseSave(out);
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Export bundle' }).click();
  const d = page.getByRole('dialog', { name: /as a signed bundle/ });
  await d.getByLabel('Passphrase').fill('ana passphrase');
  await d.getByRole('button', { name: 'Choose where and export' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Case bundle written to' })).toContainText(`Case bundle written to ${path.basename(out)}, signed by Ana Reviewer <ana@body.example>`);
  await expect(page.getByRole('status').filter({ hasText: 'Case bundle written to' })).not.toContainText(path.dirname(out));

  // The same state of a case this workspace holds is nothing to import.
  await page.getByRole('button', { name: 'Back to cases' }).click();
  harness.choose([out]);
  await page.getByRole('button', { name: 'Import case bundle' }).click();
  await expect(page.getByRole('dialog', { name: 'The bundle was not imported' }).getByRole('alert')).toContainText('already holds this state of the case');
  await page.getByRole('button', { name: 'Close' }).click();

  // A bundle from another workspace, signed by a key this one has never seen.
  const other = openWorkspace({ dataDir: path.join(path.dirname(harness.dataDir), 'other') });
  const mallory = unwrap(await other.dispatch('identity.create', { name: 'Mallory Stranger', email: 'm@example.org', role: 'reviewer', passphrase: 'mallory passphrase' })) as { id: string; fingerprint: string; fingerprintGrouped: string };
  await other.dispatch('identity.use', { identityId: mallory.id, passphrase: 'mallory passphrase' });
  const made = unwrap(await other.dispatch('cases.create', { agencyName: 'Lakeside Police Department', ori: 'IL9990002', state: 'IL' })) as { id: string };
  const foreign = path.join(path.dirname(harness.dataDir), 'lakeside.credence-case');
  unwrap(await other.dispatch('bundle.export', { caseId: made.id, outPath: foreign, passphrase: 'mallory passphrase' }));
  other.close();
  harness.choose([foreign]);
  await page.getByRole('button', { name: 'Import case bundle' }).click();
  const ask = page.getByRole('dialog', { name: 'Unknown signer' });
  await expect(ask).toContainText(mallory.fingerprintGrouped);
  await expect(ask).not.toContainText('Mallory');
  await ask.getByRole('button', { name: 'Import, trusting this key once' }).click();
  const done = page.getByRole('dialog', { name: 'Imported Lakeside Police Department' });
  await expect(done).toContainText('Signed by an unknown signer: an unknown key you accepted for this import.');
  await done.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('heading', { name: /Lakeside Police Department/ })).toBeVisible();

  const bad = `${out}.bad`;
  fs.writeFileSync(bad, 'not a bundle');
  await page.getByRole('button', { name: 'Back to cases' }).click();
  harness.choose([bad]);
  await page.getByRole('button', { name: 'Import case bundle' }).click();
  await expect(page.getByRole('alert')).toContainText('is not a readable case bundle');
});

test("a returned case shows the lead's comments to the reviewer, in the bar where the next step is", async ({ app: page, harness }) => {
  await expect(page.locator('.textLayer').first()).toContainText('GENERAL ORDER 300');
  const caseId = ((await harness.ws.dispatch('app.info', {})) as { ok: true; value: { sampleCaseId: string } }).value.sampleCaseId;
  const doc = (unwrap(await harness.ws.dispatch('documents.list', { caseId })) as Array<{ id: string }>)[0]!.id;
  const a = unwrap(await harness.ws.dispatch('annotations.create', { caseId, documentId: doc, page: 3, quote: '(f) Choke holds.', itemIds: ['mandatory.chokehold'] })) as { id: string };
  const b = unwrap(await harness.ws.dispatch('annotations.create', { caseId, documentId: doc, page: 1, quote: 'objectively reasonable', itemIds: ['mandatory.adherence-to-law'] })) as { id: string };
  unwrap(await harness.ws.dispatch('determinations.set', { caseId, itemId: 'mandatory.chokehold', status: 'met', rationale: 'Banned.', evidenceIds: [a.id] }));
  unwrap(await harness.ws.dispatch('determinations.set', { caseId, itemId: 'mandatory.adherence-to-law', status: 'met', rationale: 'Objective reasonableness.', evidenceIds: [b.id] }));
  unwrap(await harness.ws.dispatch('review.submit', { caseId }));

  // The lead returns it from the app, with two lines of comments.
  actAs(harness.ws, { name: 'Lee Lead', email: 'lee@body.example', role: 'lead' });
  await page.reload();
  await page.getByRole('row', { name: /Open case Riverside Police Department \(sample\)/ }).click();
  await page.getByRole('button', { name: 'Return…' }).click();
  const d = page.getByRole('dialog', { name: 'Return to the reviewer' });
  await d.getByLabel('What should change?').fill('Cite the vascular restraint passage on p. 2.\nThe chokehold rationale should quote the exception.');
  await d.getByRole('button', { name: 'Return case' }).click();
  await expect(page.locator('.chip.status-returned')).toHaveText('Returned');

  // The reviewer, back at the case, reads them without opening the history.
  actAs(harness.ws, E2E_REVIEWER);
  await page.reload();
  await page.getByRole('row', { name: /Open case Riverside Police Department \(sample\)/ }).click();
  const note = page.locator('.returned-comment');
  await expect(note.locator('summary')).toHaveText('Returned by Lee Lead: Cite the vascular restraint passage on p. 2.');
  await note.locator('summary').click();
  await expect(page.getByLabel("Lee Lead's comments")).toHaveText('Cite the vascular restraint passage on p. 2.\nThe chokehold rationale should quote the exception.');
  // Submitted again, the comments have done their work and leave the bar.
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.locator('.chip.status-submitted')).toHaveText('Submitted');
  await expect(note).toHaveCount(0);
});
