import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { read, utils } from '@e965/xlsx';
import { readSessionFile } from './session-import.reader';
import { readHeader } from './session-import.rules';
import {
  sessionImportGuidance,
  sessionImportHeader,
  sessionImportTemplateCsv,
  sessionImportTemplateXlsx,
} from './session-import.template';

const TEMPLATES = join(__dirname, '../../../../docs/templates');

describe('sessionImportHeader', () => {
  it('is the layout the import reads, with a count column per attendee role', () => {
    expect(sessionImportHeader()).toEqual([
      'session_reference',
      'service_line',
      'delivered_on',
      'duration_minutes',
      'format',
      'topic',
      'local_authority',
      'engagement_id',
      'lead_member',
      'leader_of_council',
      'cabinet_member',
      'councillor',
      'chief_executive',
      'director_of_childrens_services',
      'chief_finance_officer',
      'hr_lead',
      'it_lead',
      'other_senior_leader',
      'notes',
    ]);
    expect(readHeader(sessionImportHeader())).toHaveProperty('columns');
  });
});

describe('sessionImportTemplateCsv', () => {
  it('is the committed docs/templates/sessions-import-template.csv (npm run templates)', () => {
    expect(readFileSync(join(TEMPLATES, 'sessions-import-template.csv'), 'utf8')).toBe(
      sessionImportTemplateCsv(),
    );
  });
});

describe('sessionImportTemplateXlsx', () => {
  it('is the committed docs/templates/sessions-import-template.xlsx (npm run templates)', () => {
    const committed = readFileSync(join(TEMPLATES, 'sessions-import-template.xlsx'));
    expect(committed.equals(sessionImportTemplateXlsx())).toBe(true);
  });

  it('holds the header on its Sessions sheet, which the import reads, and a Guidance sheet', () => {
    const sut = sessionImportTemplateXlsx();
    const grid = readSessionFile(sut, 'sessions-import-template.xlsx');
    expect(grid).toEqual({ rows: [sessionImportHeader()], date1904: false });
    const workbook = read(sut, { type: 'buffer' });
    expect(workbook.SheetNames).toEqual(['Sessions', 'Guidance']);
    const guidance = utils.sheet_to_json<string[]>(workbook.Sheets.Guidance, { header: 1 });
    expect(guidance[0]).toEqual([
      'column',
      'required',
      'same on every row of a session',
      'what to write',
    ]);
    expect(guidance[1]).toEqual([
      'session_reference',
      'yes',
      'yes',
      expect.stringContaining('Rows with the same reference are one session'),
    ]);
    expect(guidance).toHaveLength(sessionImportGuidance().length);
  });
});
