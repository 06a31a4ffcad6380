import type { JudgementArea } from '../inspection.types';
import { withoutFootnoteMarkers } from './ofsted-values.rules';

/** Heading text with case, spacing, punctuation, footnote markers and a leading "The" ignored. */
export function normaliseHeading(text: string): string {
  return withoutFootnoteMarkers(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

export type DescriptiveField =
  'laName' | 'laCode' | 'laStatus' | 'inspectionDate' | 'publicationDate' | 'type' | 'theme';

/** The headings each column has had, normalised. */
const DESCRIPTIVE_HEADINGS: Record<DescriptiveField, readonly string[]> = {
  laName: ['local authority name', 'local authority', 'la name', 'local authority area name'],
  laCode: [
    'local authority area code',
    'local authority code',
    'local authority ons code',
    'la code',
    'ons code',
    'area code',
    'gss code',
  ],
  laStatus: ['local authority status', 'la status', 'status'],
  inspectionDate: [
    'inspection date',
    'inspection visit date',
    'inspection or visit date',
    'visit date',
    'date of inspection',
    'inspection start date',
  ],
  publicationDate: [
    'publication date',
    'report publication date',
    'date published',
    'date of publication',
  ],
  type: [
    'inspection type',
    'inspection visit type',
    'inspection or visit type',
    'visit type',
    'type of inspection',
  ],
  theme: ['visit theme', 'theme'],
};

/**
 * Judgement columns. "Children in care and care leavers" was one judgement before 2023: it is
 * read as CHILDREN_IN_CARE, and the framework (chosen by date) tells the two measures apart.
 */
const JUDGEMENT_HEADINGS: Record<JudgementArea, readonly string[]> = {
  OVERALL_EFFECTIVENESS: ['overall effectiveness'],
  IMPACT_OF_LEADERS: [
    'impact of leaders',
    'impact of leaders on social work practice',
    'impact of leaders on social work practice with children and families',
  ],
  HELP_AND_PROTECTION: [
    'experiences and progress of children who need help and protection',
    'children who need help and protection',
  ],
  CHILDREN_IN_CARE: [
    'experiences and progress of children in care',
    'experiences and progress of children looked after',
    'experiences and progress of children in care and care leavers',
    'experiences and progress of children looked after and care leavers',
    'children in care',
    'children in care and care leavers',
  ],
  CARE_LEAVERS: ['experiences and progress of care leavers', 'care leavers'],
};

export type HeadingMeaning =
  { kind: 'field'; field: DescriptiveField } | { kind: 'judgement'; area: JudgementArea };

const MEANINGS = new Map<string, HeadingMeaning>([
  ...Object.entries(DESCRIPTIVE_HEADINGS).flatMap(([field, headings]) =>
    headings.map((h): [string, HeadingMeaning] => [
      h,
      { kind: 'field', field: field as DescriptiveField },
    ]),
  ),
  ...Object.entries(JUDGEMENT_HEADINGS).flatMap(([area, headings]) =>
    headings.map((h): [string, HeadingMeaning] => [
      h,
      { kind: 'judgement', area: area as JudgementArea },
    ]),
  ),
]);

/** What a (normalised) heading means, if it is one of Ofsted's. */
export function meaningOfHeading(normalised: string): HeadingMeaning | undefined {
  return MEANINGS.get(normalised.replace(/^the /, ''));
}

/** How headings are named in messages. */
export const HEADING_LABELS: Record<DescriptiveField, string> = {
  laName: 'Local authority name',
  laCode: 'Local authority area code',
  laStatus: 'Local authority status',
  inspectionDate: 'Inspection date',
  publicationDate: 'Publication date',
  type: 'Inspection type',
  theme: 'Visit Theme',
};

/**
 * In the 2024 wide table each inspection is a group of columns under one prefix ("First ILACS",
 * "Second ILACS", "ILACS framework"…): the prefix of a heading naming a date of a group.
 */
export function groupPrefixOf(normalised: string): string | undefined {
  const match = /^(.+?) (?:publication date|inspection date|date of publication)$/.exec(normalised);
  return match ? match[1] : undefined;
}
