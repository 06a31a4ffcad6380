import {
  hasRole,
  isAdmin,
  programmeIdsOf,
  regionCodesOf,
  supplierIdsOf,
  type Caller,
} from './caller';
import { Role } from './role';

function caller(grants: Caller['grants']): Caller {
  return { userId: 'u1', issuer: 'iss', subject: 'sub', email: null, grants };
}

const grant = (role: Role, scope: Partial<Caller['grants'][number]> = {}) => ({
  role,
  supplierId: null,
  regionCode: null,
  programmeId: null,
  ...scope,
});

describe('hasRole', () => {
  it('is true for any of the roles given', () => {
    expect(hasRole(caller([grant(Role.SUPPLIER)]), Role.ADMIN, Role.SUPPLIER)).toBe(true);
  });

  it('is false for a caller with no grants', () => {
    expect(hasRole(caller([]), ...Object.values(Role))).toBe(false);
  });
});

describe('isAdmin', () => {
  it('is true only for admins', () => {
    expect(isAdmin(caller([grant(Role.ADMIN)]))).toBe(true);
    expect(isAdmin(caller([grant(Role.PROGRAMME_MANAGER)]))).toBe(false);
  });
});

describe('scopes', () => {
  const sut = caller([
    grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' }),
    grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000002' }),
    grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' }),
    grant(Role.SUPPLIER, { supplierId: 's1' }),
    grant(Role.PROGRAMME_MANAGER, { programmeId: 'p1' }),
    // A scope on a grant of another role reaches nothing for this one.
    grant(Role.ADMIN, { regionCode: 'E12000009' }),
  ]);

  it('lists each region once, from adviser grants only', () => {
    expect(regionCodesOf(sut)).toEqual(['E12000001', 'E12000002']);
  });

  it('lists suppliers from supplier grants', () => {
    expect(supplierIdsOf(sut)).toEqual(['s1']);
  });

  it('lists programmes from manager grants', () => {
    expect(programmeIdsOf(sut)).toEqual(['p1']);
  });
});
