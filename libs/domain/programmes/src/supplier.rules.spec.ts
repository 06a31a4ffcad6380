import {
  contactProblems,
  normaliseEmail,
  supplierNameKey,
  supplierProblems,
} from './supplier.rules';

describe('supplierNameKey', () => {
  it('folds case and spacing, so one organisation is one supplier', () => {
    expect(supplierNameKey('North Star Ltd')).toBe('northstarltd');
    expect(supplierNameKey('  north  STAR\tltd ')).toBe('northstarltd');
    expect(supplierNameKey('ＮＯＲＴＨ Star Ltd')).toBe('northstarltd');
  });
});

describe('normaliseEmail', () => {
  it('trims and lowers the address', () => {
    expect(normaliseEmail(' Ada.Lovelace@North-Star.example ')).toBe(
      'ada.lovelace@north-star.example',
    );
  });
});

describe('contactProblems', () => {
  it('accepts an address with or without a name', () => {
    expect(contactProblems({ email: 'ada@north-star.example', name: 'Ada' })).toEqual([]);
    expect(contactProblems({ email: 'ADA@north-star.co.uk ' })).toEqual([]);
    expect(contactProblems({ email: 'ada@north-star.example', name: null })).toEqual([]);
  });

  it.each([
    '',
    'ada',
    'ada@',
    '@north-star.example',
    'ada@localhost',
    'ada lovelace@x.example',
    'ada@x..example',
    `${'a'.repeat(250)}@x.example`,
  ])('refuses the address %j', (email) => {
    expect(contactProblems({ email })).toEqual([
      { field: 'email', message: 'must be an e-mail address like name@example.org' },
    ]);
  });

  it.each(['', ' ', 'x'.repeat(201)])('refuses the name %j', (name) => {
    expect(contactProblems({ email: 'ada@north-star.example', name })).toEqual([
      { field: 'name', message: 'must be 1 to 200 characters' },
    ]);
  });

  it('names the fields as asked', () => {
    expect(
      contactProblems({ email: 'x', name: '' }, { email: 'contactEmail', name: 'contactName' }),
    ).toEqual([
      { field: 'contactEmail', message: 'must be an e-mail address like name@example.org' },
      { field: 'contactName', message: 'must be 1 to 200 characters' },
    ]);
  });
});

describe('supplierProblems', () => {
  it('accepts a name and a first contact', () => {
    expect(
      supplierProblems({ name: 'North Star Ltd', contactEmail: 'ada@north-star.example' }),
    ).toEqual([]);
  });

  it.each(['', '  ', 'x'.repeat(201)])(
    'refuses the name %j, and names the contact fields',
    (name) => {
      expect(supplierProblems({ name, contactEmail: 'ada', contactName: '' })).toEqual([
        { field: 'name', message: 'must be 1 to 200 characters' },
        { field: 'contactEmail', message: 'must be an e-mail address like name@example.org' },
        { field: 'contactName', message: 'must be 1 to 200 characters' },
      ]);
    },
  );
});
