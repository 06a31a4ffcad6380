import { Role, type Caller, type RoleGrant } from '@la-tracker/platform/auth';
import {
  canSeeMeeting,
  coverageRegionsFor,
  meetingScopeOf,
  networkRegionsFor,
  type MeetingReach,
} from './network-access.rules';

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

const ADMIN = callerWith([grant(Role.ADMIN)]);
const MANAGER = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: 'programme-1' })]);
const OTHER_MANAGER = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: 'programme-2' })]);
const SUPPLIER = callerWith([grant(Role.SUPPLIER, { supplierId: 'supplier-1' })]);
const OTHER_SUPPLIER = callerWith([grant(Role.SUPPLIER, { supplierId: 'supplier-2' })]);
const NORTH_EAST_ADVISER = callerWith([grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })]);
const NORTH_WEST_ADVISER = callerWith([grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000002' })]);
const NO_ROLE = callerWith([]);

describe('canSeeMeeting', () => {
  const meeting: MeetingReach = {
    programmeId: 'programme-1',
    supplierId: 'supplier-1',
    regionCode: 'E12000001',
  };

  it("shows a meeting to admins, its programme's managers, its supplier and its region's advisers", () => {
    expect(
      [
        ADMIN,
        MANAGER,
        OTHER_MANAGER,
        SUPPLIER,
        OTHER_SUPPLIER,
        NORTH_EAST_ADVISER,
        NORTH_WEST_ADVISER,
        NO_ROLE,
      ].map((caller) => canSeeMeeting(meetingScopeOf(caller), meeting)),
    ).toEqual([true, true, false, true, false, true, false, false]);
  });

  it('shows no supplier a meeting the programme recorded itself', () => {
    expect(canSeeMeeting(meetingScopeOf(SUPPLIER), { ...meeting, supplierId: null })).toBe(false);
  });
});

describe('networkRegionsFor', () => {
  it("gives admins, the programme's managers and suppliers every network; advisers their regions", () => {
    expect(networkRegionsFor(ADMIN, 'programme-1')).toBeNull();
    expect(networkRegionsFor(MANAGER, 'programme-1')).toBeNull();
    expect(networkRegionsFor(SUPPLIER, 'programme-1')).toBeNull();
    expect(networkRegionsFor(NORTH_EAST_ADVISER, 'programme-1')).toEqual(['E12000001']);
    expect(networkRegionsFor(OTHER_MANAGER, 'programme-1')).toEqual([]);
  });
});

describe('coverageRegionsFor', () => {
  it("gives admins and the programme's managers every region, advisers theirs, suppliers none", () => {
    expect(coverageRegionsFor(ADMIN, 'programme-1')).toBeNull();
    expect(coverageRegionsFor(MANAGER, 'programme-1')).toBeNull();
    expect(coverageRegionsFor(NORTH_WEST_ADVISER, 'programme-1')).toEqual(['E12000002']);
    expect(coverageRegionsFor(SUPPLIER, 'programme-1')).toEqual([]);
  });
});
