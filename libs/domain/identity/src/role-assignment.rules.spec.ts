import { Role } from '@la-tracker/platform/auth';
import {
  grantFor,
  grantsFor,
  grantValues,
  organisationGrants,
  profileChanges,
} from './role-assignment.rules';

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
      [{ field: 'supplierIds', message: '"north-star" is not an id (a UUID)' }],
    );
  });
});

describe('grantFor', () => {
  it('gives one grant for a role and its one scope', () => {
    expect(grantFor({ role: Role.REGIONAL_ADVISER, regionCode: 'E12000001' })).toEqual({
      grant: {
        role: Role.REGIONAL_ADVISER,
        supplierId: null,
        regionCode: 'E12000001',
        programmeId: null,
      },
      problems: [],
    });
    expect(grantFor({ role: Role.ADMIN, supplierId: null }).grant).toEqual({
      role: Role.ADMIN,
      supplierId: null,
      regionCode: null,
      programmeId: null,
    });
  });

  it('names the request’s own fields in what is wrong', () => {
    expect(grantFor({ role: Role.SUPPLIER })).toEqual({
      grant: null,
      problems: [{ field: 'supplierId', message: 'supplier staff need exactly one supplier' }],
    });
    expect(grantFor({ role: Role.ADMIN, programmeId: 'not-an-id' }).problems).toEqual([
      { field: 'programmeId', message: 'a programme applies to PROGRAMME_MANAGER only' },
      { field: 'programmeId', message: '"not-an-id" is not an id (a UUID)' },
    ]);
  });
});

describe('grantValues', () => {
  it('keeps the role and the scope it has', () => {
    expect(
      grantValues({ role: Role.SUPPLIER, supplierId, regionCode: null, programmeId: null }),
    ).toEqual({ role: 'SUPPLIER', supplierId });
    expect(
      grantValues({ role: Role.ADMIN, supplierId: null, regionCode: null, programmeId: null }),
    ).toEqual({ role: 'ADMIN' });
  });
});

describe('organisationGrants', () => {
  it('maps each organisation to its grant', () => {
    const { grants, problems } = organisationGrants({
      'org-supplier': { role: 'SUPPLIER', supplierId },
      'org-dfe': { role: 'REGIONAL_ADVISER', regionCode: 'E12000003' },
    });
    expect(problems).toEqual([]);
    expect(Object.fromEntries(grants)).toEqual({
      'org-supplier': { role: Role.SUPPLIER, supplierId, regionCode: null, programmeId: null },
      'org-dfe': {
        role: Role.REGIONAL_ADVISER,
        supplierId: null,
        regionCode: 'E12000003',
        programmeId: null,
      },
    });
  });

  it('refuses ADMIN, a role that does not exist, and a scope that does not fit, naming each', () => {
    const { grants, problems } = organisationGrants({
      'org-a': { role: 'ADMIN' },
      'org-b': { role: 'SUPERUSER' },
      'org-c': { role: 'SUPPLIER', regionCode: 'E12000001' },
      'org-d': { role: 'PROGRAMME_MANAGER' },
    });
    expect(grants.size).toBe(0);
    expect(problems).toEqual([
      expect.stringMatching(
        /^organisation "org-a": role must be PROGRAMME_MANAGER, SUPPLIER or REGIONAL_ADVISER .*not "ADMIN"$/,
      ),
      expect.stringMatching(/^organisation "org-b": role must be .*not "SUPERUSER"$/),
      'organisation "org-c": regionCode: a region applies to REGIONAL_ADVISER only',
      'organisation "org-c": supplierId: supplier staff need exactly one supplier',
      'organisation "org-d": a PROGRAMME_MANAGER mapping must name its programmeId',
    ]);
  });
});

describe('profileChanges', () => {
  const held = { email: 'ada@example.gov.uk', displayName: 'Ada Lovelace' };

  it('changes nothing for a person whose issuer says the same', () => {
    expect(profileChanges(held, { ...held })).toEqual({});
  });

  it('takes a new e-mail or name', () => {
    expect(
      profileChanges(held, { email: 'ada@education.gov.uk', displayName: 'Ada Lovelace' }),
    ).toEqual({
      email: 'ada@education.gov.uk',
    });
    expect(profileChanges({ email: null, displayName: null }, held)).toEqual(held);
  });

  it('keeps what is held when the issuer says nothing of it', () => {
    expect(profileChanges(held, { email: null, displayName: null })).toEqual({});
  });
});
