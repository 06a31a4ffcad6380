import { Role, type Caller, type RoleGrant } from '@la-tracker/platform/auth';
import {
  canSeeEngagement,
  canStartEngagement,
  engagementScopeOf,
  maySeeEligibility,
  type EngagementReach,
} from './engagement-access.rules';

const none = { supplierId: null, regionCode: null, programmeId: null };
const callerWith = (...grants: Array<Partial<RoleGrant> & { role: Role }>): Caller => ({
  userId: 'user-1',
  issuer: 'test',
  subject: 'someone',
  email: null,
  grants: grants.map((grant) => ({ ...none, ...grant })),
});

const engagement: EngagementReach = {
  programmeId: 'programme-1',
  supplierId: 'supplier-1',
  regionCode: 'E12000001',
};

describe('engagementScopeOf and canSeeEngagement', () => {
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
    [
      "its region's adviser",
      callerWith({ role: Role.REGIONAL_ADVISER, regionCode: 'E12000001' }),
      true,
    ],
    [
      "another region's adviser",
      callerWith({ role: Role.REGIONAL_ADVISER, regionCode: 'E12000002' }),
      false,
    ],
    ['someone with no role', callerWith(), false],
    [
      'an adviser elsewhere who also supplies it',
      callerWith(
        { role: Role.REGIONAL_ADVISER, regionCode: 'E12000002' },
        { role: Role.SUPPLIER, supplierId: 'supplier-1' },
      ),
      true,
    ],
  ])('%s: %s', (_who, caller, visible) => {
    expect(canSeeEngagement(engagementScopeOf(caller), engagement)).toBe(visible);
  });

  it('shows a supplier nothing of a referral, which has no contract yet', () => {
    const supplier = callerWith({ role: Role.SUPPLIER, supplierId: 'supplier-1' });
    expect(canSeeEngagement(engagementScopeOf(supplier), { ...engagement, supplierId: null })).toBe(
      false,
    );
  });
});

describe('canStartEngagement', () => {
  it('lets its supplier start it, but not another supplier', () => {
    expect(
      canStartEngagement(callerWith({ role: Role.SUPPLIER, supplierId: 'supplier-1' }), engagement),
    ).toBe(true);
    expect(
      canStartEngagement(callerWith({ role: Role.SUPPLIER, supplierId: 'supplier-2' }), engagement),
    ).toBe(false);
  });

  it('lets its manager start it, but not an adviser of its region', () => {
    expect(
      canStartEngagement(
        callerWith({ role: Role.PROGRAMME_MANAGER, programmeId: 'programme-1' }),
        engagement,
      ),
    ).toBe(true);
    expect(
      canStartEngagement(
        callerWith({ role: Role.REGIONAL_ADVISER, regionCode: 'E12000001' }),
        engagement,
      ),
    ).toBe(false);
  });
});

describe('maySeeEligibility', () => {
  it.each<[string, Caller, boolean]>([
    ['an admin', callerWith({ role: Role.ADMIN }), true],
    ['a manager', callerWith({ role: Role.PROGRAMME_MANAGER, programmeId: 'programme-1' }), true],
    ['an adviser', callerWith({ role: Role.REGIONAL_ADVISER, regionCode: 'E12000001' }), true],
    ['supplier staff', callerWith({ role: Role.SUPPLIER, supplierId: 'supplier-1' }), false],
    ['someone with no role', callerWith(), false],
  ])('%s: %s', (_who, caller, allowed) => {
    expect(maySeeEligibility(caller)).toBe(allowed);
  });
});
