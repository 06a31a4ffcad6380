import { Role, type Caller, type RoleGrant } from '@la-tracker/platform/auth';
import {
  managesProgrammes,
  mayChangeProgramme,
  maySeeBudgetOf,
  maySeeContactsOf,
  maySeeTermsOf,
  programmeScopeOf,
} from './programme-access.rules';

const grant = (role: Role, scope: Partial<RoleGrant> = {}): RoleGrant => ({
  role,
  supplierId: null,
  regionCode: null,
  programmeId: null,
  ...scope,
});
const caller = (...grants: RoleGrant[]): Caller => ({
  userId: 'u1',
  issuer: 'iss',
  subject: 'sub',
  email: null,
  grants,
});

const admin = caller(grant(Role.ADMIN));
const manager = caller(
  grant(Role.PROGRAMME_MANAGER, { programmeId: 'p1' }),
  grant(Role.PROGRAMME_MANAGER, { programmeId: 'p2' }),
);
const newManager = caller(grant(Role.PROGRAMME_MANAGER));
const supplier = caller(grant(Role.SUPPLIER, { supplierId: 's1' }));
const adviser = caller(grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' }));
const nobody = caller();

describe('programmeScopeOf', () => {
  it('gives admins every programme and supplier', () => {
    expect(programmeScopeOf(admin)).toEqual({
      allProgrammes: true,
      programmeIds: [],
      supplierIds: [],
      allSuppliers: true,
    });
  });

  it('gives managers their programmes and every supplier', () => {
    expect(programmeScopeOf(manager)).toEqual({
      allProgrammes: false,
      programmeIds: ['p1', 'p2'],
      supplierIds: [],
      allSuppliers: true,
    });
  });

  it('gives supplier staff their supplier alone', () => {
    expect(programmeScopeOf(supplier)).toEqual({
      allProgrammes: false,
      programmeIds: [],
      supplierIds: ['s1'],
      allSuppliers: false,
    });
  });

  it('gives advisers every programme, and no supplier of their own', () => {
    expect(programmeScopeOf(adviser)).toEqual({
      allProgrammes: true,
      programmeIds: [],
      supplierIds: [],
      allSuppliers: false,
    });
  });

  it('gives a caller with no role nothing, and adds up several roles', () => {
    expect(programmeScopeOf(nobody)).toEqual({
      allProgrammes: false,
      programmeIds: [],
      supplierIds: [],
      allSuppliers: false,
    });
    expect(programmeScopeOf(caller(...manager.grants, ...supplier.grants))).toEqual({
      allProgrammes: false,
      programmeIds: ['p1', 'p2'],
      supplierIds: ['s1'],
      allSuppliers: true,
    });
  });
});

describe('mayChangeProgramme', () => {
  it('lets admins change any programme and managers those they are assigned to', () => {
    expect(mayChangeProgramme(admin, 'p9')).toBe(true);
    expect(mayChangeProgramme(manager, 'p2')).toBe(true);
  });

  it('keeps everyone else out', () => {
    expect(mayChangeProgramme(manager, 'p9')).toBe(false);
    expect(mayChangeProgramme(newManager, 'p1')).toBe(false);
    expect(mayChangeProgramme(supplier, 'p1')).toBe(false);
    expect(mayChangeProgramme(adviser, 'p1')).toBe(false);
  });
});

describe('managesProgrammes', () => {
  it('is true for admins and managers, even one with no programme yet', () => {
    expect([admin, manager, newManager].map(managesProgrammes)).toEqual([true, true, true]);
  });

  it('is false for supplier staff, advisers and callers with no role', () => {
    expect([supplier, adviser, nobody].map(managesProgrammes)).toEqual([false, false, false]);
  });
});

describe('maySeeContactsOf', () => {
  const inP1 = { id: 's2', programmeIds: ['p1'] };
  const inP3 = { id: 's2', programmeIds: ['p3'] };
  const uncontracted = { id: 's2', programmeIds: [] };

  it('shows contacts to admins and to the supplier’s own staff', () => {
    expect(maySeeContactsOf(admin, inP3)).toBe(true);
    expect(maySeeContactsOf(supplier, { id: 's1', programmeIds: ['p3'] })).toBe(true);
  });

  it('shows them to managers of a programme the supplier holds a contract in', () => {
    expect(maySeeContactsOf(manager, inP1)).toBe(true);
    expect(maySeeContactsOf(manager, inP3)).toBe(false);
    expect(maySeeContactsOf(newManager, inP1)).toBe(false);
  });

  it('shows every manager a supplier with no contract yet', () => {
    expect(maySeeContactsOf(manager, uncontracted)).toBe(true);
    expect(maySeeContactsOf(newManager, uncontracted)).toBe(true);
  });

  it('hides them from other suppliers and from advisers', () => {
    expect(maySeeContactsOf(supplier, uncontracted)).toBe(false);
    expect(maySeeContactsOf(adviser, uncontracted)).toBe(false);
  });
});

describe('maySeeBudgetOf', () => {
  it('shows a budget to admins and the programme’s managers only', () => {
    expect(maySeeBudgetOf(admin, 'p3')).toBe(true);
    expect(maySeeBudgetOf(manager, 'p1')).toBe(true);
    expect(maySeeBudgetOf(manager, 'p3')).toBe(false);
    expect(maySeeBudgetOf(supplier, 'p1')).toBe(false);
    expect(maySeeBudgetOf(adviser, 'p1')).toBe(false);
  });
});

describe('maySeeTermsOf', () => {
  const contract = { programmeId: 'p1', supplierId: 's1' };

  it('shows value and rates to admins, the programme’s managers and the supplier’s staff', () => {
    expect(maySeeTermsOf(admin, contract)).toBe(true);
    expect(maySeeTermsOf(manager, contract)).toBe(true);
    expect(maySeeTermsOf(supplier, contract)).toBe(true);
  });

  it('hides them from advisers, other suppliers and other managers', () => {
    expect(maySeeTermsOf(adviser, contract)).toBe(false);
    expect(maySeeTermsOf(supplier, { ...contract, supplierId: 's2' })).toBe(false);
    expect(maySeeTermsOf(manager, { ...contract, programmeId: 'p3' })).toBe(false);
  });
});
