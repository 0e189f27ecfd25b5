import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../electron/api/dispatcher.ts';
import { ServiceError } from '../../../shared/result.ts';

const sample = {
  id: 'c1', agencyName: 'A', ori: 'IL0000000', state: 'IL', agencyType: null, jurisdiction: null,
  checklistPackId: 'p', checklistPackVersion: '1', dueDate: null, status: 'draft', archived: false,
  isSample: false, createdAt: 't', updatedAt: 't', documentCount: 0,
} as const;

function handlers(over: Partial<Handlers>): Handlers {
  return new Proxy(over as Handlers, {
    get: (t, k: string) => (t as Record<string, unknown>)[k] ?? (() => { throw new Error(`unexpected call ${k}`); }),
  });
}

describe('dispatcher', () => {
  it('refuses an unknown method by name', async () => {
    const r = await createDispatcher(handlers({}))('cases.drop', {});
    expect(r).toEqual({ ok: false, error: { code: 'unknown_method', message: 'There is no API method called "cases.drop".' } });
  });

  it('refuses malformed input before any service runs, naming each field', async () => {
    let called = false;
    const d = createDispatcher(handlers({ 'cases.create': () => { called = true; return sample; } }));
    const r = await d('cases.create', { agencyName: 'X', ori: 42 });
    expect(called).toBe(false);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(Object.keys(r.error.fields!)).toEqual(expect.arrayContaining(['agencyName', 'ori', 'state']));
    expect(r.error.message).toContain('agencyName: Give the agency its full name.');
  });

  it('refuses extra keys on strict inputs and non-object input', async () => {
    const d = createDispatcher(handlers({ 'cases.get': () => sample }));
    expect((await d('cases.get', { id: 'c1', evil: true })).ok).toBe(false);
    expect((await d('cases.get', 'c1')).ok).toBe(false);
    expect(await d('cases.get', { id: 'c1' })).toEqual({ ok: true, value: sample });
  });

  it('turns a service error into its code and message', async () => {
    const d = createDispatcher(handlers({ 'cases.get': () => { throw new ServiceError('not_found', 'No case with id z.'); } }));
    expect(await d('cases.get', { id: 'z' })).toEqual({ ok: false, error: { code: 'not_found', message: 'No case with id z.' } });
  });

  it('reports an unexpected exception as internal, with its message, and logs it', async () => {
    const logged: string[] = [];
    const d = createDispatcher(handlers({ 'cases.get': () => { throw new Error('disk full'); } }), (m) => logged.push(m));
    const r = await d('cases.get', { id: 'z' });
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong in cases.get: disk full' } });
    expect(logged).toEqual(['unexpected error in cases.get']);
  });

  it('never passes on a JSON.parse message, which quotes the text it read', async () => {
    const d = createDispatcher(handlers({ 'bundle.import': () => JSON.parse('root:x:0:0:root:/root:/bin/bash') }));
    const r = await d('bundle.import', { handle: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(r).toEqual({ ok: false, error: { code: 'bad_file', message: 'Something went wrong in bundle.import: a file it read is not valid JSON.' } });
  });

  it('the renderer’s dispatcher refuses a path field in any call; the local one parses paths', async () => {
    let called = 0;
    const imported = { caseId: 'c1', agencyName: 'A', replaced: false, documents: 0, signer: { fingerprint: 'f', fingerprintGrouped: 'f', name: null, trust: 'roster' as const } };
    const h = handlers({ 'bundle.import': () => (called++, imported) });
    expect(await createDispatcher(h)('bundle.import', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await createDispatcher(h)('cases.list', { outPath: '/tmp/x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(called).toBe(0);
    expect(await createDispatcher(h, undefined, 'local')('bundle.import', { path: '/home/lee/case.credence-case' })).toMatchObject({ ok: true });
    expect(await createDispatcher(h, undefined, 'local')('bundle.import', { handle: 'AAAAAAAAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('catches a handler whose output breaks the contract', async () => {
    const d = createDispatcher(handlers({ 'cases.get': () => ({ ...sample, status: 'lost' }) as never }));
    const r = await d('cases.get', { id: 'c1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('internal');
  });
});
