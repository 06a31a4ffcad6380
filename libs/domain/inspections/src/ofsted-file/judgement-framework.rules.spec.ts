import type { JudgementArea } from '../inspection.types';
import {
  frameworkForGrades,
  frameworkForPublication,
  frameworkInForceOn,
} from './judgement-framework.rules';

const FOUR = new Set<JudgementArea>([
  'OVERALL_EFFECTIVENESS',
  'IMPACT_OF_LEADERS',
  'HELP_AND_PROTECTION',
  'CHILDREN_IN_CARE',
]);
const FIVE = new Set<JudgementArea>([...FOUR, 'CARE_LEAVERS']);
const WITHOUT_OVERALL = new Set<JudgementArea>(
  [...FIVE].filter((a) => a !== 'OVERALL_EFFECTIVENESS'),
);

describe('frameworkInForceOn', () => {
  it.each([
    ['2018-01-15', 'ILACS_2018'],
    ['2022-12-31', 'ILACS_2018'],
    ['2023-01-01', 'ILACS_2023'],
    ['2026-03-31', 'ILACS_2023'],
    ['2026-04-01', 'ILACS_2026'],
  ])('an inspection that started on %s is under %s', (date, framework) => {
    expect(frameworkInForceOn(date)).toBe(framework);
  });
});

describe('frameworkForPublication', () => {
  it('takes the framework in force at publication when the grades fit it', () => {
    expect(frameworkForPublication('2019-07-01', FOUR)).toBe('ILACS_2018');
    expect(frameworkForPublication('2023-10-27', FIVE)).toBe('ILACS_2023');
    expect(frameworkForPublication('2026-09-01', WITHOUT_OVERALL)).toBe('ILACS_2026');
  });

  it('takes the earlier framework for a report published after a change of an inspection before it', () => {
    // Lancashire: inspected 28 November 2022, published 26 January 2023, no care-leavers grade.
    expect(frameworkForPublication('2023-01-26', FOUR)).toBe('ILACS_2018');
    expect(frameworkForPublication('2026-05-20', FIVE)).toBe('ILACS_2023');
  });
});

describe('frameworkForGrades', () => {
  it('tells the frameworks apart by the judgements given', () => {
    expect(frameworkForGrades(FOUR)).toBe('ILACS_2018');
    expect(frameworkForGrades(FIVE)).toBe('ILACS_2023');
    expect(frameworkForGrades(WITHOUT_OVERALL)).toBe('ILACS_2026');
  });
});
