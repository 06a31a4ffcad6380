import { groupPrefixOf, meaningOfHeading, normaliseHeading } from './ofsted-headings.rules';

const meaning = (heading: string) => meaningOfHeading(normaliseHeading(heading));

describe('normaliseHeading', () => {
  it('ignores case, spacing, punctuation, footnote markers and a leading "The"', () => {
    expect(normaliseHeading('  Inspection/Visit   date ')).toBe('inspection visit date');
    expect(normaliseHeading('Overall effectiveness [note 2]')).toBe('overall effectiveness');
    expect(normaliseHeading('The impact of leaders\non social work practice')).toBe(
      'impact of leaders on social work practice',
    );
    expect(normaliseHeading('Hammersmith & Fulham')).toBe('hammersmith and fulham');
  });
});

describe('meaningOfHeading', () => {
  it.each([
    ['Local authority name', { kind: 'field', field: 'laName' }],
    ['Local authority area code', { kind: 'field', field: 'laCode' }],
    ['Local Authority Status', { kind: 'field', field: 'laStatus' }],
    ['Inspection date', { kind: 'field', field: 'inspectionDate' }],
    ['Inspection/Visit date', { kind: 'field', field: 'inspectionDate' }],
    ['Publication date', { kind: 'field', field: 'publicationDate' }],
    ['Inspection type', { kind: 'field', field: 'type' }],
    ['Inspection/Visit type', { kind: 'field', field: 'type' }],
    ['Visit Theme', { kind: 'field', field: 'theme' }],
    ['Overall effectiveness', { kind: 'judgement', area: 'OVERALL_EFFECTIVENESS' }],
    ['Impact of leaders', { kind: 'judgement', area: 'IMPACT_OF_LEADERS' }],
    [
      'The impact of leaders on social work practice with children and families',
      { kind: 'judgement', area: 'IMPACT_OF_LEADERS' },
    ],
    [
      'The experiences and progress of children who need help and protection',
      { kind: 'judgement', area: 'HELP_AND_PROTECTION' },
    ],
    [
      'Experiences and progress of children in care',
      { kind: 'judgement', area: 'CHILDREN_IN_CARE' },
    ],
    [
      'experiences and progress of children in care and care leavers',
      { kind: 'judgement', area: 'CHILDREN_IN_CARE' },
    ],
    [
      'The experiences and progress of care leavers (note 4)',
      { kind: 'judgement', area: 'CARE_LEAVERS' },
    ],
  ])('reads %j', (heading, expected) => {
    expect(meaning(heading)).toEqual(expected);
  });

  it('knows nothing of other headings', () => {
    expect(meaning('Web link')).toBeUndefined();
    expect(meaning('Ofsted region')).toBeUndefined();
    expect(meaning('First ILACS publication date')).toBeUndefined();
  });
});

describe('groupPrefixOf', () => {
  it('finds the group of a wide table by its date column', () => {
    expect(groupPrefixOf(normaliseHeading('First ILACS publication date'))).toBe('first ilacs');
    expect(groupPrefixOf(normaliseHeading('ILACS framework publication date'))).toBe(
      'ilacs framework',
    );
    expect(groupPrefixOf(normaliseHeading('Third ILACS inspection date'))).toBe('third ilacs');
    expect(groupPrefixOf(normaliseHeading('Publication date'))).toBeUndefined();
  });
});
