import { describe, expect, it } from 'vitest';
import { caseCreateInput, caseUpdateInput } from '../../../shared/schemas/case.ts';

const good = { agencyName: 'Lake County Sheriff', ori: 'IL0490000', state: 'IL' };

describe('case input', () => {
  it('accepts a valid case, upper-casing the ORI and state', () => {
    const r = caseCreateInput.parse({ ...good, ori: 'il0490000', state: 'il' });
    expect(r).toMatchObject({ ori: 'IL0490000', state: 'IL', agencyType: null, jurisdiction: null, dueDate: null });
  });

  it.each([
    ['IL049000', 'exactly 9 characters'],
    ['IL04900000', 'exactly 9 characters'],
    ['IL0490-00', 'two letters for the state'],
    ['1L0490000', 'two letters for the state'],
  ])('refuses ORI %s and says why', (ori, words) => {
    const r = caseCreateInput.safeParse({ ...good, ori });
    expect(r.success).toBe(false);
    expect(r.error!.issues.find((i) => i.path[0] === 'ori')!.message).toContain(words);
  });

  it('refuses an ORI whose prefix is another state', () => {
    const r = caseCreateInput.safeParse({ ...good, ori: 'VA0490000' });
    expect(r.error!.issues[0]!.message).toBe('The ORI starts with VA but the state is IL: correct one of them.');
  });

  it('refuses unknown states, agency types and impossible dates', () => {
    expect(caseCreateInput.safeParse({ ...good, state: 'XX', ori: 'XX0490000' }).success).toBe(false);
    expect(caseCreateInput.safeParse({ ...good, agencyType: 'federal' }).success).toBe(false);
    expect(caseCreateInput.safeParse({ ...good, dueDate: '2026-02-30' }).error!.issues[0]!.message).toBe('That date does not exist.');
    expect(caseCreateInput.safeParse({ ...good, dueDate: '2026-02-28', agencyType: 'tribal', jurisdiction: 'rural' }).success).toBe(true);
  });

  it('lets an update change one field', () => {
    expect(caseUpdateInput.parse({ id: 'x', patch: { dueDate: '2027-01-31' } }).patch).toEqual({ dueDate: '2027-01-31' });
  });
});
