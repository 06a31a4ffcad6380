import {
  parseInspectionKind,
  parseOfstedDate,
  parseOfstedGrade,
  withoutFootnoteMarkers,
} from './ofsted-values.rules';

describe('parseOfstedDate', () => {
  it.each([
    [45117, '2023-07-10'],
    [45117.75, '2023-07-10'],
    ['10/07/2023', '2023-07-10'],
    ['1/7/2023', '2023-07-01'],
    ['10-07-23', '2023-07-10'],
    ['10.07.2023', '2023-07-10'],
    ['2023-07-10', '2023-07-10'],
    ['2023-07-10T00:00:00.000Z', '2023-07-10'],
    ['10 July 2023', '2023-07-10'],
    ['1st Sept 2023', '2023-09-01'],
    ['45117', '2023-07-10'],
    ['10/07/2023 [note 1]', '2023-07-10'],
    [new Date(Date.UTC(2023, 6, 10)), '2023-07-10'],
  ])('reads %j as %s', (cell, expected) => {
    expect(parseOfstedDate(cell)).toEqual({ value: expected });
  });

  it('reads serials of the 1904 date system', () => {
    expect(parseOfstedDate(45117 - 1462, true)).toEqual({ value: '2023-07-10' });
  });

  it.each([null, '', 'N/A', 'n/a', '-', 'Not yet published'])('reads %j as no date', (cell) => {
    expect(parseOfstedDate(cell)).toEqual({ value: null });
  });

  it.each([
    ['31/02/2023', '"31/02/2023" is not a date'],
    ['13/13/2023', '"13/13/2023" is not a date'],
    ['next spring', '"next spring" is not a date'],
    [3, '3 is not a date'],
    [true, 'true is not a date'],
  ])('reports %j as a problem', (cell, problem) => {
    expect(parseOfstedDate(cell)).toEqual({ value: null, problem });
  });
});

describe('parseOfstedGrade', () => {
  it.each([
    ['Outstanding', 'OUTSTANDING'],
    ['good', 'GOOD'],
    ['Requires improvement to be good', 'REQUIRES_IMPROVEMENT'],
    ['Requires Improvement', 'REQUIRES_IMPROVEMENT'],
    ['Inadequate', 'INADEQUATE'],
    [1, 'OUTSTANDING'],
    [2, 'GOOD'],
    ['3', 'REQUIRES_IMPROVEMENT'],
    [4, 'INADEQUATE'],
    ['Good [note 3]', 'GOOD'],
    ['Good*', 'GOOD'],
    ['Inadequate\u00b9', 'INADEQUATE'],
    ['  Good  ', 'GOOD'],
  ])('reads %j as %s', (cell, grade) => {
    expect(parseOfstedGrade(cell)).toEqual({ value: grade });
  });

  it.each([null, '', 'N/A', 'NA', 'Not applicable', '-', '\u2013', 'x', 'Not yet inspected'])(
    'reads %j as no judgement',
    (cell) => {
      expect(parseOfstedGrade(cell)).toEqual({ value: null });
    },
  );

  it.each([
    ['Excellent', '"Excellent" is not a grade'],
    [5, '5 is not a grade'],
    [0, '0 is not a grade'],
  ])('reports %j as a problem', (cell, problem) => {
    expect(parseOfstedGrade(cell)).toEqual({ value: null, problem });
  });
});

describe('parseInspectionKind', () => {
  it.each([
    ['ILACS Standard Inspection', 'STANDARD_INSPECTION'],
    ['ILACS Short Inspection', 'SHORT_INSPECTION'],
    ['ILACS Focused Visit', 'FOCUSED_VISIT'],
    ['LA Monitoring visit', 'MONITORING_VISIT'],
    ['Monitoring visit', 'MONITORING_VISIT'],
    ['JTAI', 'JTAI'],
    ['Joint targeted area inspection', 'JTAI'],
  ])('reads %j as %s', (cell, kind) => {
    expect(parseInspectionKind(cell)).toEqual({ value: kind });
  });

  it('reads a blank cell as no type, and reports a type it does not know', () => {
    expect(parseInspectionKind(null)).toEqual({ value: null });
    expect(parseInspectionKind('SIF inspection')).toEqual({
      value: null,
      problem: '"SIF inspection" is not an inspection type this import knows',
    });
  });
});

describe('withoutFootnoteMarkers', () => {
  it('drops bracketed notes, note references, symbols and superscripts', () => {
    expect(withoutFootnoteMarkers('Overall effectiveness (note 2)')).toBe('Overall effectiveness');
    expect(withoutFootnoteMarkers('Inspection date [note 1]')).toBe('Inspection date');
    expect(withoutFootnoteMarkers('Good\u2020')).toBe('Good');
    expect(withoutFootnoteMarkers('Good2')).toBe('Good');
  });
});
