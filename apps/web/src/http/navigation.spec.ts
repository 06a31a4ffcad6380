import { homeFor, navigationFor } from './navigation';
import { Role } from './web-request';

const texts = (roles: Role[]) => navigationFor(new Set(roles), '/').map((item) => item.text);

describe('navigationFor', () => {
  it('gives managers and admins the programme pages', () => {
    expect(texts([Role.PROGRAMME_MANAGER])).toEqual([
      'Programmes',
      'Engagements',
      'Sessions',
      'Monthly returns',
      'Local authorities',
      'API tokens',
    ]);
    expect(texts([Role.ADMIN])).toEqual(texts([Role.PROGRAMME_MANAGER]));
  });

  it('gives suppliers their delivery, never programmes', () => {
    expect(texts([Role.SUPPLIER])).toEqual([
      'Engagements',
      'Sessions',
      'Monthly returns',
      'Local authorities',
      'API tokens',
    ]);
  });

  it('gives advisers LAs and their API tokens only', () => {
    expect(texts([Role.REGIONAL_ADVISER])).toEqual(['Local authorities', 'API tokens']);
  });

  it('gives a person with no role nothing', () => {
    expect(texts([])).toEqual([]);
  });

  it('marks the section holding the page active', () => {
    const items = navigationFor(new Set<Role>([Role.SUPPLIER]), '/sessions/abc/record');
    expect(items.filter((item) => item.active).map((item) => item.text)).toEqual(['Sessions']);
  });
});

describe('homeFor', () => {
  it('sends each role to its first section', () => {
    expect(homeFor(new Set<Role>([Role.PROGRAMME_MANAGER]))).toBe('/programmes');
    expect(homeFor(new Set<Role>([Role.SUPPLIER]))).toBe('/engagements');
    expect(homeFor(new Set<Role>([Role.REGIONAL_ADVISER]))).toBe('/local-authorities');
    expect(homeFor(new Set<Role>())).toBe('/no-role');
  });
});
