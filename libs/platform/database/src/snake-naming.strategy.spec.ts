import { SnakeNamingStrategy, snakeCase } from './snake-naming.strategy';

describe('snakeCase', () => {
  it.each([
    ['LocalAuthority', 'local_authority'],
    ['gssCode', 'gss_code'],
    ['validFrom', 'valid_from'],
    ['dfeCode', 'dfe_code'],
    ['HTTPRequest', 'http_request'],
    ['name', 'name'],
  ])('%s → %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});

describe('SnakeNamingStrategy', () => {
  const sut = new SnakeNamingStrategy();

  describe('tableName', () => {
    it('keeps a name given explicitly', () => {
      expect(sut.tableName('LocalAuthority', 'la')).toBe('la');
    });

    it('derives the rest from the class', () => {
      expect(sut.tableName('LocalAuthority', undefined)).toBe('local_authority');
    });
  });

  describe('columnName', () => {
    it('prefixes embedded columns', () => {
      expect(sut.columnName('amountPence', undefined, ['budget'])).toBe('budget_amount_pence');
    });
  });

  describe('joinColumnName', () => {
    it('joins relation and column', () => {
      expect(sut.joinColumnName('region', 'code')).toBe('region_code');
    });
  });
});
