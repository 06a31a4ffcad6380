import { Role, type Caller, type RoleGrant } from '@la-tracker/platform/auth';
import {
  ALLOCATABLE_STATUSES,
  mayAllocateCoaching,
  maySeeCoachingOf,
  type CoachingReach,
} from './coaching-access.rules';

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

const engagement: CoachingReach = { programmeId: 'programme-1', supplierId: 'supplier-1' };
const ADMIN = callerWith([grant(Role.ADMIN)]);
const MANAGER = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: 'programme-1' })]);
const OTHER_MANAGER = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: 'programme-2' })]);
const SUPPLIER = callerWith([grant(Role.SUPPLIER, { supplierId: 'supplier-1' })]);
const OTHER_SUPPLIER = callerWith([grant(Role.SUPPLIER, { supplierId: 'supplier-2' })]);
const ADVISER = callerWith([grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000005' })]);

describe('maySeeCoachingOf', () => {
  it("shows allocations to admins, the programme's managers and the contract's supplier", () => {
    expect(
      [ADMIN, MANAGER, OTHER_MANAGER, SUPPLIER, OTHER_SUPPLIER, ADVISER].map((caller) =>
        maySeeCoachingOf(caller, engagement),
      ),
    ).toEqual([true, true, false, true, false, false]);
  });

  it('shows no supplier the allocations of an engagement with no contract yet', () => {
    expect(maySeeCoachingOf(SUPPLIER, { ...engagement, supplierId: null })).toBe(false);
    expect(maySeeCoachingOf(MANAGER, { ...engagement, supplierId: null })).toBe(true);
  });
});

describe('mayAllocateCoaching', () => {
  it("is for admins and the programme's managers, never the supplier", () => {
    expect(
      [ADMIN, MANAGER, OTHER_MANAGER, SUPPLIER, ADVISER].map((caller) =>
        mayAllocateCoaching(caller, engagement),
      ),
    ).toEqual([true, true, false, false, false]);
  });
});

describe('ALLOCATABLE_STATUSES', () => {
  it('are the open states of an engagement', () => {
    expect(ALLOCATABLE_STATUSES).toEqual(['REFERRED', 'APPROVED', 'IN_DELIVERY']);
  });
});
