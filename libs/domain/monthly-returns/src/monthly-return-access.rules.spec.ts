import { Role, type Caller, type RoleGrant } from '@la-tracker/platform/auth';
import { canSeeMonthlyReturn, monthlyReturnScopeOf } from './monthly-return-access.rules';

const none = { supplierId: null, regionCode: null, programmeId: null };
const callerWith = (...grants: Array<Partial<RoleGrant> & { role: Role }>): Caller => ({
  userId: 'user-1',
  issuer: 'test',
  subject: 'someone',
  email: null,
  grants: grants.map((grant) => ({ ...none, ...grant })),
});

const record = { programmeId: 'programme-1', supplierId: 'supplier-1' };

describe('monthlyReturnScopeOf and canSeeMonthlyReturn', () => {
  it.each<[string, Caller, boolean]>([
    ['an admin', callerWith({ role: Role.ADMIN }), true],
    ['its manager', callerWith({ role: Role.PROGRAMME_MANAGER, programmeId: 'programme-1' }), true],
    [
      "another programme's manager",
      callerWith({ role: Role.PROGRAMME_MANAGER, programmeId: 'programme-2' }),
      false,
    ],
    ['its supplier', callerWith({ role: Role.SUPPLIER, supplierId: 'supplier-1' }), true],
    ['another supplier', callerWith({ role: Role.SUPPLIER, supplierId: 'supplier-2' }), false],
    // Returns are delivery and spend, not LA status: advisers see none, whatever their region.
    ['an adviser', callerWith({ role: Role.REGIONAL_ADVISER, regionCode: 'E12000001' }), false],
    ['someone with no role', callerWith(), false],
    [
      'someone holding a role in each',
      callerWith(
        { role: Role.SUPPLIER, supplierId: 'supplier-2' },
        { role: Role.PROGRAMME_MANAGER, programmeId: 'programme-1' },
      ),
      true,
    ],
  ])('%s: %s', (_who, caller, sees) => {
    expect(canSeeMonthlyReturn(monthlyReturnScopeOf(caller), record)).toBe(sees);
  });

  it('gives a manager and supplier staff their own ids, admins everything', () => {
    expect(monthlyReturnScopeOf(callerWith({ role: Role.ADMIN }))).toEqual({ all: true });
    expect(
      monthlyReturnScopeOf(
        callerWith(
          { role: Role.PROGRAMME_MANAGER, programmeId: 'programme-1' },
          { role: Role.SUPPLIER, supplierId: 'supplier-1' },
        ),
      ),
    ).toEqual({ all: false, programmeIds: ['programme-1'], supplierIds: ['supplier-1'] });
  });
});
