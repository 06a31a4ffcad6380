import type { ServiceLine } from './service-line';
import type { TargetBasis } from './target.rules';

/**
 * The programme the product was first built for, as the prior information notice describes it
 * (2020/S 244-605902; SPEC §4). Its id is fixed so every installation names it the same way.
 * Variations, such as the award's regrouping into 2 lots, are applied to it later as data.
 */
export const DEFAULT_PROGRAMME = {
  id: '6c1f0f52-7d43-4b8e-9a55-1b5d2a0c7e01',
  name: 'Local Authority and Political Leadership Support',
  contractingAuthority: 'Department for Education',
  startsOn: '2021-05-31',
  endsOn: '2024-03-31',
  budgetPence: 140_000_000,
} as const;

export interface DefaultLot {
  number: number;
  title: string;
  serviceLine: ServiceLine;
  targetBasis: TargetBasis;
  target: number | null;
  cap: number | null;
}

export const DEFAULT_LOTS: readonly DefaultLot[] = [
  {
    number: 1,
    title: 'Leadership development programmes for new and existing political leaders',
    serviceLine: 'POLITICAL_LEADERSHIP',
    targetBasis: 'EVERY_ACTIVE_LA',
    target: null,
    cap: null,
  },
  {
    number: 2,
    title:
      'Learning and development for corporate leaders (chief executives, chief finance / s151 officers, HR and IT leads)',
    serviceLine: 'CORPORATE_LEADERSHIP',
    targetBasis: 'EVERY_ACTIVE_LA',
    target: null,
    cap: null,
  },
  {
    number: 3,
    title:
      'Regional Lead Member networks, linked with the regional improvement and innovation alliances',
    serviceLine: 'LEAD_MEMBER_NETWORKS',
    targetBasis: 'EVERY_REGION',
    target: null,
    cap: null,
  },
  {
    number: 4,
    title: "Full diagnostic of an LA's corporate parenting arrangements",
    serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
    targetBasis: 'NUMBER',
    target: 12,
    cap: null,
  },
  {
    number: 5,
    title: 'Facilitated learning and development for groups of councillors, e.g. a cabinet',
    serviceLine: 'COUNCILLOR_GROUPS',
    targetBasis: 'NONE',
    target: null,
    cap: null,
  },
  {
    number: 6,
    title:
      'Targeted support for selected LAs across all regions (DCS, chief executive, lead member)',
    serviceLine: 'TARGETED_SUPPORT',
    targetBasis: 'EVERY_REGION',
    target: null,
    cap: null,
  },
  {
    number: 7,
    title: 'Coaching and mentoring for individual political and corporate leaders',
    serviceLine: 'COACHING_MENTORING',
    targetBasis: 'NONE',
    target: null,
    cap: 15,
  },
];
