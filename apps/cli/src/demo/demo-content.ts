import type { ServiceLine } from '@la-tracker/domain/programmes';
import type { AttendeeRole } from '@la-tracker/domain/sessions';

/** Who comes to a session of each service line, in the demonstrations. */
export const DEMO_ROLES: Record<ServiceLine, AttendeeRole[]> = {
  POLITICAL_LEADERSHIP: ['LEAD_MEMBER', 'LEADER_OF_COUNCIL', 'CABINET_MEMBER', 'COUNCILLOR'],
  CORPORATE_LEADERSHIP: [
    'CHIEF_EXECUTIVE',
    'CHIEF_FINANCE_OFFICER',
    'HR_LEAD',
    'IT_LEAD',
    'DIRECTOR_OF_CHILDRENS_SERVICES',
  ],
  LEAD_MEMBER_NETWORKS: ['LEAD_MEMBER'],
  COUNCILLOR_GROUPS: ['CABINET_MEMBER', 'COUNCILLOR', 'LEAD_MEMBER', 'LEADER_OF_COUNCIL'],
  CORPORATE_PARENTING_DIAGNOSTIC: [
    'DIRECTOR_OF_CHILDRENS_SERVICES',
    'LEAD_MEMBER',
    'OTHER_SENIOR_LEADER',
  ],
  TARGETED_SUPPORT: ['DIRECTOR_OF_CHILDRENS_SERVICES', 'CHIEF_EXECUTIVE', 'LEAD_MEMBER'],
  COACHING_MENTORING: ['LEAD_MEMBER', 'CHIEF_EXECUTIVE', 'DIRECTOR_OF_CHILDRENS_SERVICES'],
};

/** What a session of each service line is about, in the demonstrations. */
export const DEMO_TOPICS: Record<ServiceLine, string[]> = {
  POLITICAL_LEADERSHIP: [
    'Corporate parenting for lead members',
    'Scrutiny and challenge',
    'Reading performance data',
    'Preparing for inspection',
    'Working with partners',
    'Budget setting for children’s services',
    'Listening to children in care',
    'Leading through change',
  ],
  CORPORATE_LEADERSHIP: [
    'Whole-council corporate parenting',
    'Financial resilience and demand',
    'Workforce and recruitment',
    'Data and digital for children’s services',
    'Governance after an inspection',
    'Commissioning placements',
  ],
  COUNCILLOR_GROUPS: ['Cabinet away day', 'Follow-up on the cabinet’s plan'],
  CORPORATE_PARENTING_DIAGNOSTIC: ['Diagnostic fieldwork', 'Diagnostic findings'],
  TARGETED_SUPPORT: [
    'Improvement plan review',
    'Leadership team support',
    'Partnership board',
    'Quality assurance',
    'Stocktake',
    'Next steps',
  ],
  LEAD_MEMBER_NETWORKS: ['Regional priorities', 'Sufficiency of placements', 'Ofsted update'],
  COACHING_MENTORING: ['Coaching conversation', 'Mentoring session'],
};
