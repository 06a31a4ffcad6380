import { Role } from '@la-tracker/platform/auth';
import { callerWith, grant } from '@la-tracker/platform/testing';
import { notificationScopeOf } from './notification-access.rules';

describe('notificationScopeOf', () => {
  it('gives admins every notification', () => {
    expect(notificationScopeOf(callerWith([grant(Role.ADMIN)], 'u1'))).toEqual({
      all: true,
      programmeIds: [],
      supplierIds: [],
      userId: 'u1',
    });
  });

  it("gives a manager their programmes' and a supplier's staff their contacts'", () => {
    const sut = notificationScopeOf(
      callerWith(
        [
          grant(Role.PROGRAMME_MANAGER, { programmeId: 'p1' }),
          grant(Role.SUPPLIER, { supplierId: 's1' }),
        ],
        'u2',
      ),
    );
    expect(sut).toEqual({ all: false, programmeIds: ['p1'], supplierIds: ['s1'], userId: 'u2' });
  });

  it('gives an adviser only what is addressed to them', () => {
    expect(
      notificationScopeOf(
        callerWith([grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })], 'u3'),
      ),
    ).toEqual({ all: false, programmeIds: [], supplierIds: [], userId: 'u3' });
  });
});
