import { Role, type Caller, type RoleGrant } from '@la-tracker/platform/auth';
import { mayReportSpend, spendScopeOf, type SpendScope } from './spend-access.rules';

const none = { supplierId: null, regionCode: null, programmeId: null };
const callerWith = (...grants: Array<Partial<RoleGrant> & { role: Role }>): Caller => ({
  userId: 'user-1',
  issuer: 'test',
  subject: 'someone',
  email: null,
  grants: grants.map((grant) => ({ ...none, ...grant })),
});

const ADMIN = callerWith({ role: Role.ADMIN });
const MANAGER = callerWith({ role: Role.PROGRAMME_MANAGER, programmeId: 'programme-1' });
const OTHER_MANAGER = callerWith({ role: Role.PROGRAMME_MANAGER, programmeId: 'programme-2' });
const SUPPLIER = callerWith({ role: Role.SUPPLIER, supplierId: 'supplier-1' });
const ADVISER = callerWith({ role: Role.REGIONAL_ADVISER, regionCode: 'E12000001' });
const NO_ROLE = callerWith();

describe('mayReportSpend', () => {
  it.each<[string, Caller, boolean]>([
    ['an admin', ADMIN, true],
    ['a programme manager', MANAGER, true],
    ['supplier staff', SUPPLIER, true],
    // Spend is programme data, not LA status.
    ['a regional adviser', ADVISER, false],
    ['someone with no role', NO_ROLE, false],
  ])('%s: %s', (_who, caller, may) => {
    expect(mayReportSpend(caller)).toBe(may);
  });
});

describe('spendScopeOf', () => {
  const all: SpendScope = { allContracts: true, supplierIds: [] };
  it.each<[string, Caller, SpendScope | null]>([
    ['an admin: every contract', ADMIN, all],
    ['its manager: every contract', MANAGER, all],
    ['another programme’s manager: nothing', OTHER_MANAGER, null],
    [
      'supplier staff: their own contracts',
      SUPPLIER,
      { allContracts: false, supplierIds: ['supplier-1'] },
    ],
    ['an adviser: nothing', ADVISER, null],
    ['someone with no role: nothing', NO_ROLE, null],
    [
      'staff of two suppliers: both',
      callerWith(
        { role: Role.SUPPLIER, supplierId: 'supplier-1' },
        { role: Role.SUPPLIER, supplierId: 'supplier-2' },
      ),
      { allContracts: false, supplierIds: ['supplier-1', 'supplier-2'] },
    ],
    [
      'supplier staff who manage another programme: their own contracts',
      callerWith(
        { role: Role.SUPPLIER, supplierId: 'supplier-1' },
        { role: Role.PROGRAMME_MANAGER, programmeId: 'programme-2' },
      ),
      { allContracts: false, supplierIds: ['supplier-1'] },
    ],
    [
      'supplier staff who also manage it: every contract',
      callerWith(
        { role: Role.SUPPLIER, supplierId: 'supplier-1' },
        { role: Role.PROGRAMME_MANAGER, programmeId: 'programme-1' },
      ),
      all,
    ],
    [
      'an adviser who is also supplier staff: their own contracts only',
      callerWith(
        { role: Role.REGIONAL_ADVISER, regionCode: 'E12000001' },
        { role: Role.SUPPLIER, supplierId: 'supplier-1' },
      ),
      { allContracts: false, supplierIds: ['supplier-1'] },
    ],
  ])('%s', (_who, caller, scope) => {
    expect(spendScopeOf(caller, 'programme-1')).toEqual(scope);
  });
});
