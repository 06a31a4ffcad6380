import { developmentUserChoices, parseDevelopmentUserChoice } from './development-users.rules';

describe('developmentUserChoices', () => {
  it('offers an admin, then a user per programme, supplier and region', () => {
    const choices = developmentUserChoices({
      programmes: [{ id: 'p1', name: 'LA leadership' }],
      suppliers: [{ id: 's1', name: 'North Star' }],
      regions: [{ code: 'E12000001', name: 'North East' }],
    });
    expect(choices.map((choice) => [choice.value, choice.text])).toEqual([
      ['ADMIN', 'Admin'],
      ['PROGRAMME_MANAGER:p1', 'Programme manager: LA leadership'],
      ['SUPPLIER:s1', 'Supplier: North Star'],
      ['REGIONAL_ADVISER:E12000001', 'Regional adviser: North East'],
    ]);
  });
});

describe('parseDevelopmentUserChoice', () => {
  const none = { programmeIds: [], supplierIds: [], regionCodes: [] };

  it('reads each role with its scope', () => {
    expect(parseDevelopmentUserChoice('ADMIN')).toEqual({ role: 'ADMIN', scopes: none });
    expect(parseDevelopmentUserChoice('PROGRAMME_MANAGER:p1')).toEqual({
      role: 'PROGRAMME_MANAGER',
      scopes: { ...none, programmeIds: ['p1'] },
    });
    expect(parseDevelopmentUserChoice('SUPPLIER:s1')?.scopes.supplierIds).toEqual(['s1']);
    expect(parseDevelopmentUserChoice('REGIONAL_ADVISER:E12000001')?.scopes.regionCodes).toEqual([
      'E12000001',
    ]);
  });

  it.each([
    undefined,
    '',
    'ADMIN:x',
    'SUPPLIER',
    'SUPPLIER:',
    'OWNER:x',
    'SUPPLIER:a:b',
    ['ADMIN'],
  ])('refuses %p', (value) => {
    expect(parseDevelopmentUserChoice(value)).toBeUndefined();
  });
});
