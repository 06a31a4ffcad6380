import { Role } from '@la-tracker/platform/auth';
import { grantsFor } from './role-assignment.rules';

const noScopes = { supplierIds: [], regionCodes: [], programmeIds: [] };
const supplierId = '0b9a3c1e-2f4d-4e5a-9b6c-7d8e9f0a1b2c';

describe('grantsFor', () => {
  it('gives an admin one grant with no scope', () => {
    expect(grantsFor(Role.ADMIN, noScopes)).toEqual({
      grants: [{ role: Role.ADMIN, supplierId: null, regionCode: null, programmeId: null }],
      problems: [],
    });
  });

  it('gives supplier staff their supplier', () => {
    expect(grantsFor(Role.SUPPLIER, { ...noScopes, supplierIds: [supplierId] }).grants).toEqual([
      { role: Role.SUPPLIER, supplierId, regionCode: null, programmeId: null },
    ]);
  });

  it('refuses supplier staff with no supplier', () => {
    expect(grantsFor(Role.SUPPLIER, noScopes).problems).toEqual([
      { field: 'supplierIds', message: 'supplier staff need exactly one supplier' },
    ]);
  });

  it('gives an adviser one grant per region, each once', () => {
    const { grants } = grantsFor(Role.REGIONAL_ADVISER, {
      ...noScopes,
      regionCodes: ['E12000001', 'E12000002', 'E12000001'],
    });
    expect(grants.map((grant) => grant.regionCode)).toEqual(['E12000001', 'E12000002']);
  });

  it('refuses an adviser with no region, or a region that is not a code', () => {
    expect(grantsFor(Role.REGIONAL_ADVISER, noScopes).problems).toHaveLength(1);
    expect(
      grantsFor(Role.REGIONAL_ADVISER, { ...noScopes, regionCodes: ['North East'] }).problems,
    ).toEqual([
      { field: 'regionCodes', message: '"North East" is not a region code like E12000001' },
    ]);
  });

  it('lets a manager start with no programme', () => {
    expect(grantsFor(Role.PROGRAMME_MANAGER, noScopes).grants).toEqual([
      { role: Role.PROGRAMME_MANAGER, supplierId: null, regionCode: null, programmeId: null },
    ]);
  });

  it('refuses a scope that does not fit the role', () => {
    expect(grantsFor(Role.ADMIN, { ...noScopes, regionCodes: ['E12000001'] }).problems).toEqual([
      { field: 'regionCodes', message: 'a region applies to REGIONAL_ADVISER only' },
    ]);
  });

  it('refuses an id that is not a UUID', () => {
    expect(grantsFor(Role.SUPPLIER, { ...noScopes, supplierIds: ['north-star'] }).problems).toEqual(
      [{ field: 'scope', message: '"north-star" is not an id (a UUID)' }],
    );
  });
});
