import { isAdmin, programmeIdsOf, supplierIdsOf, type Caller } from '@la-tracker/platform/auth';

/**
 * Which notifications a caller sees (SPEC §7: admins all, others their own): admins every one;
 * a programme manager those of their programmes and those to them; a supplier's staff those to
 * their supplier's contacts; anyone those addressed to them.
 */
export interface NotificationScope {
  all: boolean;
  programmeIds: string[];
  supplierIds: string[];
  userId: string | null;
}

export function notificationScopeOf(caller: Caller): NotificationScope {
  return {
    all: isAdmin(caller),
    programmeIds: programmeIdsOf(caller),
    supplierIds: supplierIdsOf(caller),
    userId: caller.userId,
  };
}
