/** What a person may do (SPEC §2); their scope comes with each assignment. */
export enum Role {
  PROGRAMME_MANAGER = 'PROGRAMME_MANAGER',
  SUPPLIER = 'SUPPLIER',
  REGIONAL_ADVISER = 'REGIONAL_ADVISER',
  ADMIN = 'ADMIN',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: string): value is Role {
  return (ALL_ROLES as readonly string[]).includes(value);
}
