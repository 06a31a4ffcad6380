import { engagementScopeOf } from '@la-tracker/domain/engagements';
import { Role, type Caller, type RoleGrant } from '@la-tracker/platform/auth';
import { canCarryOut, canSeeDiagnostic } from './diagnostic-access.rules';

const grant = (role: Role, scope: Partial<RoleGrant> = {}): RoleGrant => ({
  role,
  supplierId: null,
  regionCode: null,
  programmeId: null,
  ...scope,
});
const callerWith = (grants: RoleGrant[]): Caller => ({
  userId: 'user-1',
  issuer: 'test',
  subject: 'someone',
  email: null,
  grants,
});

const PROGRAMME = 'programme-1';
const SUPPLIER = 'supplier-1';
const NORTH_EAST = 'E12000001';
const sunderland = { programmeId: PROGRAMME, supplierId: SUPPLIER, regionCode: NORTH_EAST };

describe('canSeeDiagnostic', () => {
  it.each([
    ['an admin', [grant(Role.ADMIN)], true],
    ['its programme’s manager', [grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })], true],
    ['another programme’s manager', [grant(Role.PROGRAMME_MANAGER, { programmeId: 'p2' })], false],
    ['its supplier’s staff', [grant(Role.SUPPLIER, { supplierId: SUPPLIER })], true],
    ['another supplier’s staff', [grant(Role.SUPPLIER, { supplierId: 'supplier-2' })], false],
    ['its region’s adviser', [grant(Role.REGIONAL_ADVISER, { regionCode: NORTH_EAST })], true],
    [
      'another region’s adviser',
      [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000002' })],
      false,
    ],
    ['someone with no role', [], false],
  ])('%s: %s', (_who, grants, expected) => {
    expect(canSeeDiagnostic(engagementScopeOf(callerWith(grants)), sunderland)).toBe(expected);
  });
});

describe('canCarryOut', () => {
  it('is for the supplier’s own staff only', () => {
    expect(
      canCarryOut(callerWith([grant(Role.SUPPLIER, { supplierId: SUPPLIER })]), SUPPLIER),
    ).toBe(true);
    expect(canCarryOut(callerWith([grant(Role.SUPPLIER, { supplierId: 'x' })]), SUPPLIER)).toBe(
      false,
    );
    expect(canCarryOut(callerWith([grant(Role.ADMIN)]), SUPPLIER)).toBe(false);
    expect(
      canCarryOut(
        callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })]),
        SUPPLIER,
      ),
    ).toBe(false);
  });
});
