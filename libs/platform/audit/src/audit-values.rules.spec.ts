import { auditValues, PERSONAL_VALUE } from './audit-values.rules';

describe('auditValues', () => {
  it('keeps what is not personal and hides what is', () => {
    expect(
      auditValues({
        id: 's1',
        status: 'ACTIVE',
        email: 'jo@example.org',
        displayName: 'Jo Bloggs',
      }),
    ).toEqual({
      id: 's1',
      status: 'ACTIVE',
      email: PERSONAL_VALUE,
      displayName: PERSONAL_VALUE,
    });
  });

  it('hides personal fields in nested records and lists', () => {
    expect(auditValues({ contacts: [{ email: 'a@example.org', role: 'lead' }] })).toEqual({
      contacts: [{ email: PERSONAL_VALUE, role: 'lead' }],
    });
  });

  it('keeps an empty personal field empty, so clearing one shows', () => {
    expect(auditValues({ email: null })).toEqual({ email: null });
  });

  it('keeps a field the record says is not personal', () => {
    expect(auditValues({ name: 'Leeds', email: 'x@y.z' }, ['email'])).toEqual({
      name: 'Leeds',
      email: PERSONAL_VALUE,
    });
  });

  it('writes dates as ISO strings', () => {
    expect(auditValues({ at: new Date('2024-01-02T03:04:05Z') })).toEqual({
      at: '2024-01-02T03:04:05.000Z',
    });
  });

  it('passes null through', () => {
    expect(auditValues(null)).toBeNull();
  });
});
