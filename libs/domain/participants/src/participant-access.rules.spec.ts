import { Role, type Caller, type RoleGrant } from '@la-tracker/platform/auth';
import {
  canReachParticipants,
  mayHandleParticipants,
  participantScopeOf,
} from './participant-access.rules';

const none = { supplierId: null, regionCode: null, programmeId: null };
const callerWith = (...grants: Array<Partial<RoleGrant> & { role: Role }>): Caller => ({
  userId: 'user-1',
  issuer: 'test',
  subject: 'someone',
  email: null,
  grants: grants.map((grant) => ({ ...none, ...grant })),
});

const adviser = callerWith({ role: Role.REGIONAL_ADVISER, regionCode: 'E12000001' });

describe('mayHandleParticipants', () => {
  it.each<[string, Caller, boolean]>([
    ['an admin', callerWith({ role: Role.ADMIN }), true],
    ['a manager', callerWith({ role: Role.PROGRAMME_MANAGER, programmeId: 'programme-1' }), true],
    ['supplier staff', callerWith({ role: Role.SUPPLIER, supplierId: 'supplier-1' }), true],
    ['an adviser', adviser, false],
    ['someone with no role', callerWith(), false],
  ])('%s: %s', (_who, caller, allowed) => {
    expect(mayHandleParticipants(caller)).toBe(allowed);
  });
});

describe('participantScopeOf', () => {
  it('gives admins everything', () => {
    expect(participantScopeOf(callerWith({ role: Role.ADMIN }))).toEqual({ all: true });
  });

  it('gives managers their programmes and supplier staff their suppliers, advisers nothing', () => {
    expect(
      participantScopeOf(
        callerWith(
          { role: Role.PROGRAMME_MANAGER, programmeId: 'programme-1' },
          { role: Role.SUPPLIER, supplierId: 'supplier-1' },
          { role: Role.REGIONAL_ADVISER, regionCode: 'E12000001' },
        ),
      ),
    ).toEqual({ all: false, programmeIds: ['programme-1'], supplierIds: ['supplier-1'] });
  });
});

describe('canReachParticipants', () => {
  const engagement = { programmeId: 'programme-1', supplierId: 'supplier-1' };

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
    ['an adviser of its region', adviser, false],
  ])('%s: %s', (_who, caller, reaches) => {
    expect(canReachParticipants(participantScopeOf(caller), engagement)).toBe(reaches);
  });

  it('keeps an engagement not yet under contract from every supplier', () => {
    const sut = participantScopeOf(callerWith({ role: Role.SUPPLIER, supplierId: 'supplier-1' }));
    expect(canReachParticipants(sut, { programmeId: 'programme-1', supplierId: null })).toBe(false);
  });
});
