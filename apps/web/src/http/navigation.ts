import { Role } from './web-request';

const { ADMIN, PROGRAMME_MANAGER, SUPPLIER, REGIONAL_ADVISER } = Role;

export interface NavigationItem {
  href: string;
  text: string;
  active: boolean;
}

/** Each role's sections, in the order they are shown (SPEC §2 decides what each may see). */
const SECTIONS: ReadonlyArray<{ href: string; text: string; roles: readonly Role[] }> = [
  { href: '/programmes', text: 'Programmes', roles: [ADMIN, PROGRAMME_MANAGER] },
  { href: '/engagements', text: 'Engagements', roles: [ADMIN, PROGRAMME_MANAGER, SUPPLIER] },
  { href: '/sessions', text: 'Sessions', roles: [ADMIN, PROGRAMME_MANAGER, SUPPLIER] },
  {
    href: '/monthly-returns',
    text: 'Monthly returns',
    roles: [ADMIN, PROGRAMME_MANAGER, SUPPLIER],
  },
  {
    href: '/local-authorities',
    text: 'Local authorities',
    roles: [ADMIN, PROGRAMME_MANAGER, REGIONAL_ADVISER, SUPPLIER],
  },
  {
    href: '/api-tokens',
    text: 'API tokens',
    roles: [ADMIN, PROGRAMME_MANAGER, REGIONAL_ADVISER, SUPPLIER],
  },
];

/** The sections a person with these roles may open; the one holding `path` is marked active. */
export function navigationFor(roles: ReadonlySet<Role>, path: string): NavigationItem[] {
  return SECTIONS.filter((section) => section.roles.some((role) => roles.has(role))).map(
    (section) => ({
      href: section.href,
      text: section.text,
      active: path === section.href || path.startsWith(`${section.href}/`),
    }),
  );
}

/** Where a person lands after signing in: the first section their roles open. */
export function homeFor(roles: ReadonlySet<Role>): string {
  return navigationFor(roles, '')[0]?.href ?? '/no-role';
}
