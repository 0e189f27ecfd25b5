// `credence bundle export|import` as a user runs it: export signs with the identity named by
// --identity and the passphrase from CREDENCE_PASSPHRASE; import says who signed and refuses a
// key it does not trust until --accept-untrusted names that key's fingerprint.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { seedIdentity, tempDir } from '../../support/workspace.ts';

const root = tempDir('credence-bundle-cli-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function credence(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dataDir], { out: (s) => out.push(s), err: (s) => err.push(s) }, { ...env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('credence bundle', () => {
  it('exports a signed bundle and imports it only from a trusted or accepted signer', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => path.join(root, n));
    const ana = JSON.parse((await credence(a!, ['identity', 'create', '--name', 'Ana Reviewer', '--email', 'ana@body.example', '--role', 'reviewer', '--json'], { CREDENCE_PASSPHRASE: 'ana passphrase' })).out);
    const made = JSON.parse((await credence(a!, ['cases', 'create', '--agency', 'Riverside Police Department', '--ori', 'IL9990000', '--state', 'IL', '--identity', ana.id, '--json'], { CREDENCE_PASSPHRASE: 'ana passphrase' })).out);
    // Whoever imports on the other machines acts as themselves, too.
    const asB = seedIdentity(b!).env;
    const asC = seedIdentity(c!).env;
    const file = path.join(root, 'riverside.credence-case');

    const anonymous = await credence(a!, ['bundle', 'export', '--case', made.id, '--out', file], { CREDENCE_PASSPHRASE: 'ana passphrase' });
    expect(anonymous.code).toBe(2);
    expect(anonymous.err).toContain('say who you are with --identity ID');
    const wrong = await credence(a!, ['bundle', 'export', '--case', made.id, '--out', file, '--identity', ana.id], { CREDENCE_PASSPHRASE: 'not it' });
    expect(wrong).toMatchObject({ code: 1, err: expect.stringContaining('The passphrase is wrong for Ana Reviewer. Nothing changed.') });
    expect(fs.existsSync(file)).toBe(false);
    const exported = await credence(a!, ['bundle', 'export', '--case', made.id, '--out', file, '--identity', ana.id], { CREDENCE_PASSPHRASE: 'ana passphrase' });
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(`Signed by Ana Reviewer <ana@body.example>, key ${ana.fingerprintGrouped}.`);

    const refused = await credence(b!, ['bundle', 'import', file], asB);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`signed by a key this workspace does not trust (fingerprint ${ana.fingerprintGrouped})`);
    expect(refused.err).toContain(`--accept-untrusted ${ana.fingerprint}`);
    expect(JSON.parse((await credence(b!, ['cases', 'list', '--json'])).out)).toEqual([]);
    const accepted = await credence(b!, ['bundle', 'import', file, '--accept-untrusted', ana.fingerprint], asB);
    expect(accepted.code).toBe(0);
    expect(accepted.out).toContain(`Imported case ${made.id} (Riverside Police Department) with 0 document(s).`);
    expect(accepted.out).toContain(`Signed by an unknown signer: an unknown key you accepted, fingerprint ${ana.fingerprintGrouped}.`);

    const pem = path.join(root, 'ana.pub.pem');
    fs.writeFileSync(pem, (await credence(a!, ['identity', 'export', '--identity', ana.id])).out);
    expect((await credence(c!, ['roster', 'import', pem, '--name', 'Ana Reviewer'], asC)).code).toBe(0);
    const trusted = await credence(c!, ['bundle', 'import', file, '--json'], asC);
    expect(trusted.code).toBe(0);
    expect(JSON.parse(trusted.out)).toMatchObject({ caseId: made.id, replaced: false, signer: { name: 'Ana Reviewer', trust: 'roster', fingerprint: ana.fingerprint } });
  });
});
