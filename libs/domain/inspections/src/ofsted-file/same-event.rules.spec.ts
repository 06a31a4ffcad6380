import type { Grade, JudgementArea } from '../inspection.types';
import { findSameEvents, sameLocalAuthorityKey, type EventCandidate } from './same-event.rules';

const GOOD = new Map<JudgementArea, Grade>([
  ['OVERALL_EFFECTIVENESS', 'GOOD'],
  ['IMPACT_OF_LEADERS', 'GOOD'],
]);
const INADEQUATE = new Map<JudgementArea, Grade>([
  ['OVERALL_EFFECTIVENESS', 'INADEQUATE'],
  ['IMPACT_OF_LEADERS', 'INADEQUATE'],
]);

function latest(laName: string, inspectedOn: string, grades = GOOD): EventCandidate {
  return {
    laName,
    laCode: null,
    kind: null,
    inspectedOn,
    publishedOn: null,
    identifiedBy: 'INSPECTION_DATE',
    grades,
  };
}

function report(
  laName: string,
  publishedOn: string,
  kind: EventCandidate['kind'] = 'STANDARD_INSPECTION',
  grades = GOOD,
): EventCandidate {
  return {
    laName,
    laCode: null,
    kind,
    inspectedOn: null,
    publishedOn,
    identifiedBy: 'PUBLICATION_DATE',
    grades,
  };
}

function visit(laName: string, inspectedOn: string, kind: EventCandidate['kind']): EventCandidate {
  return { ...latest(laName, inspectedOn, new Map()), kind };
}

describe('sameLocalAuthorityKey', () => {
  it('takes the code when there is one, else the name without words publications add', () => {
    expect(sameLocalAuthorityKey('Barnsley', ' e08000016 ')).toBe('code:E08000016');
    expect(sameLocalAuthorityKey('Bedford Borough', null)).toBe(
      sameLocalAuthorityKey('Bedford', null),
    );
    expect(sameLocalAuthorityKey('Telford & Wrekin', null)).toBe(
      sameLocalAuthorityKey('Telford and Wrekin', null),
    );
    expect(sameLocalAuthorityKey('Durham', null)).toBe(
      sameLocalAuthorityKey('County Durham', null),
    );
    expect(sameLocalAuthorityKey('Kingston Upon Hull', null)).not.toBe(
      sameLocalAuthorityKey('Kingston upon Thames', null),
    );
  });
});

describe('findSameEvents', () => {
  it('links rows of one LA, day and kind, and a row of no kind to the graded inspection that day', () => {
    const sut = findSameEvents([
      latest('Barnsley', '2023-09-11'),
      visit('Barnsley', '2023-09-11', 'SHORT_INSPECTION'),
      visit('Barnsley', '2023-09-11', 'JTAI'),
      visit('Bolton', '2023-09-11', 'SHORT_INSPECTION'),
    ]);
    expect(sut.eventOf).toEqual([0, 0, 1, 2]);
  });

  it('links an inspection to the first report of it published before the next inspection', () => {
    const sut = findSameEvents([
      latest('Barnsley', '2023-09-11'),
      report('Barnsley', '2018-11-19'),
      report('Barnsley', '2023-10-27'),
      latest('Bedford', '2021-11-15'),
      report('Bedford Borough', '2022-01-14'),
    ]);
    expect(sut.eventOf).toEqual([0, 1, 0, 2, 2]);
  });

  it('links nothing published before the inspection, a year or more after, or of another kind', () => {
    const sut = findSameEvents([
      latest('Barnet', '2019-05-13'),
      report('Barnet', '2019-05-01'),
      report('Barnet', '2020-06-01'),
      visit('Brent', '2023-02-20', 'SHORT_INSPECTION'),
      report('Brent', '2023-04-11', 'STANDARD_INSPECTION'),
    ]);
    expect(new Set(sut.eventOf).size).toBe(5);
  });

  it('keeps apart rows that look like one inspection but disagree on grades, and says so', () => {
    const sut = findSameEvents([
      latest('Staffordshire', '2023-11-06'),
      report('Staffordshire', '2024-01-12', 'SHORT_INSPECTION', INADEQUATE),
    ]);
    expect(sut.eventOf).toEqual([0, 1]);
    expect(sut.disagreements).toEqual([[0, 1]]);
  });
});
