import { engagementScopeOf } from '@la-tracker/domain/engagements';
import { Role, type Caller, type RoleGrant } from '@la-tracker/platform/auth';
import {
  canDecideSession,
  canDeliverFor,
  canSeeSession,
  canSeeSessionLocalAuthority,
  type SessionReach,
} from './session-access.rules';

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

// A cohort of a North East LA and a Yorkshire one.
const session: SessionReach = {
  programmeId: 'programme-1',
  supplierId: 'supplier-1',
  regionCodes: ['E12000001', 'E12000003'],
};

const ADMIN = callerWith([grant(Role.ADMIN)]);
const MANAGER = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: 'programme-1' })]);
const OTHER_MANAGER = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: 'programme-2' })]);
const SUPPLIER = callerWith([grant(Role.SUPPLIER, { supplierId: 'supplier-1' })]);
const OTHER_SUPPLIER = callerWith([grant(Role.SUPPLIER, { supplierId: 'supplier-2' })]);
const NORTH_EAST_ADVISER = callerWith([grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })]);
const NORTH_WEST_ADVISER = callerWith([grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000002' })]);
const NO_ROLE = callerWith([]);

describe('canSeeSession', () => {
  it.each<[string, Caller, boolean]>([
    ['an admin', ADMIN, true],
    ['its programme’s manager', MANAGER, true],
    ['another programme’s manager', OTHER_MANAGER, false],
    ['its supplier', SUPPLIER, true],
    ['another supplier', OTHER_SUPPLIER, false],
    ['an adviser of one of its LAs’ regions', NORTH_EAST_ADVISER, true],
    ['an adviser of none of them', NORTH_WEST_ADVISER, false],
    ['someone with no role', NO_ROLE, false],
  ])('%s: %s', (_who, caller, visible) => {
    expect(canSeeSession(engagementScopeOf(caller), session)).toBe(visible);
  });
});

describe('canSeeSessionLocalAuthority', () => {
  it('shows an adviser only their own regions’ LAs of a session they see', () => {
    const scope = engagementScopeOf(NORTH_EAST_ADVISER);
    expect(canSeeSessionLocalAuthority(scope, session, 'E12000001')).toBe(true);
    expect(canSeeSessionLocalAuthority(scope, session, 'E12000003')).toBe(false);
  });

  it.each([ADMIN, MANAGER, SUPPLIER])(
    'shows those who see the whole session every LA',
    (caller) => {
      expect(canSeeSessionLocalAuthority(engagementScopeOf(caller), session, 'E12000003')).toBe(
        true,
      );
    },
  );
});

describe('canDeliverFor', () => {
  it('lets only the supplier’s own staff plan, record, change and submit', () => {
    expect(canDeliverFor(SUPPLIER, 'supplier-1')).toBe(true);
    for (const caller of [OTHER_SUPPLIER, MANAGER, ADMIN, NORTH_EAST_ADVISER])
      expect(canDeliverFor(caller, 'supplier-1')).toBe(false);
  });
});

describe('canDecideSession', () => {
  it.each<[string, Caller, boolean]>([
    ['an admin', ADMIN, true],
    ['its programme’s manager', MANAGER, true],
    ['another programme’s manager', OTHER_MANAGER, false],
    ['its supplier', SUPPLIER, false],
    ['an adviser of its region', NORTH_EAST_ADVISER, false],
    [
      'its manager who is also staff of its supplier',
      callerWith([...MANAGER.grants, ...SUPPLIER.grants]),
      false,
    ],
    [
      'an admin who is also staff of its supplier',
      callerWith([...ADMIN.grants, ...SUPPLIER.grants]),
      false,
    ],
    [
      'its manager who is staff of another supplier',
      callerWith([...MANAGER.grants, ...OTHER_SUPPLIER.grants]),
      true,
    ],
  ])('%s: %s', (_who, caller, allowed) => {
    expect(canDecideSession(caller, session)).toBe(allowed);
  });
});
