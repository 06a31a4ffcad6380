/**
 * The leaders the programme's support is for, by role (SPEC §5.5): sessions count attendance by
 * them, and coaching hours are allocated to them (SPEC §5.7).
 */
export const ATTENDEE_ROLES = [
  'LEAD_MEMBER',
  'LEADER_OF_COUNCIL',
  'CABINET_MEMBER',
  'COUNCILLOR',
  'CHIEF_EXECUTIVE',
  'DIRECTOR_OF_CHILDRENS_SERVICES',
  'CHIEF_FINANCE_OFFICER',
  'HR_LEAD',
  'IT_LEAD',
  'OTHER_SENIOR_LEADER',
] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];
