import { Role } from '../http/web-request';

/** A development user to sign in as: a role and, for all but admins, the one scope it covers. */
export interface DevelopmentUserChoice {
  value: string;
  text: string;
  hint: string;
}

export interface ScopeOptions {
  programmes: Array<{ id: string; name: string }>;
  suppliers: Array<{ id: string; name: string }>;
  regions: Array<{ code: string; name: string }>;
}

/** One choice per role and scope, so every view of SPEC §2 can be tried. */
export function developmentUserChoices(options: ScopeOptions): DevelopmentUserChoice[] {
  return [
    { value: 'ADMIN', text: 'Admin', hint: 'Every programme, people and reference data' },
    ...options.programmes.map((programme) => ({
      value: `PROGRAMME_MANAGER:${programme.id}`,
      text: `Programme manager: ${programme.name}`,
      hint: 'Runs this programme: referrals, approvals, sign-off, reports',
    })),
    ...options.suppliers.map((supplier) => ({
      value: `SUPPLIER:${supplier.id}`,
      text: `Supplier: ${supplier.name}`,
      hint: 'Records and submits this supplier’s delivery',
    })),
    ...options.regions.map((region) => ({
      value: `REGIONAL_ADVISER:${region.code}`,
      text: `Regional adviser: ${region.name}`,
      hint: 'Reads the status of this region’s LAs',
    })),
  ];
}

export interface ChosenUser {
  role: Role;
  scopes: { programmeIds: string[]; supplierIds: string[]; regionCodes: string[] };
}

/** The role and scope a choice stands for, or nothing for a value no choice has. */
export function parseDevelopmentUserChoice(value: unknown): ChosenUser | undefined {
  if (typeof value !== 'string') return undefined;
  const [role, scope, ...rest] = value.split(':');
  const none = { programmeIds: [], supplierIds: [], regionCodes: [] };
  if (rest.length > 0) return undefined;
  if (role === 'ADMIN' && scope === undefined) return { role: Role.ADMIN, scopes: none };
  if (!scope) return undefined;
  switch (role) {
    case 'PROGRAMME_MANAGER':
      return { role: Role.PROGRAMME_MANAGER, scopes: { ...none, programmeIds: [scope] } };
    case 'SUPPLIER':
      return { role: Role.SUPPLIER, scopes: { ...none, supplierIds: [scope] } };
    case 'REGIONAL_ADVISER':
      return { role: Role.REGIONAL_ADVISER, scopes: { ...none, regionCodes: [scope] } };
    default:
      return undefined;
  }
}
