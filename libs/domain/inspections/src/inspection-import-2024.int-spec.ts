import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { read, utils } from '@e965/xlsx';
import type { INestApplicationContext } from '@nestjs/common';
import {
  localAuthorityEntities,
  normaliseLocalAuthorityName,
} from '@la-tracker/domain/local-authorities';
import { AuditEvent } from '@la-tracker/platform/audit';
import {
  createDomainTestContext,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { latestGradedInspectionAsOf } from './eligibility.rules';
import { BUNDLED_OFSTED_FILE } from './inspection-import.service';
import { GRADED_KINDS, JUDGEMENT_AREAS, type Grade } from './inspection.types';
import { inspectionEntities } from './inspections.entities';
import { InspectionsModule } from './inspections.module';
import { InspectionsService } from './inspections.service';

// Read straight from the sheets, not through the parser, so the import is checked against the
// file itself.
const GRADES: Record<string, Grade> = {
  Outstanding: 'OUTSTANDING',
  Good: 'GOOD',
  'Requires improvement to be good': 'REQUIRES_IMPROVEMENT',
  Inadequate: 'INADEQUATE',
};
type Cell = string | number | Date | null;

function sheet(name: string): Cell[][] {
  // SheetJS warns on console of ODS number formats it cannot translate; they do not affect values.
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const workbook = read(readFileSync(join(__dirname, 'data', BUNDLED_OFSTED_FILE)), {
    cellDates: true,
  });
  quiet.mockRestore();
  return utils.sheet_to_json<Cell[]>(workbook.Sheets[name], {
    header: 1,
    raw: true,
    defval: null,
  });
}

const isoDate = (cell: Cell) =>
  cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);

/** The latest judgements sheet: LA name → inspection date and grades by area. */
function latestSheet(): Map<string, { inspectedOn: string; grades: Record<string, Grade> }> {
  const rows = sheet('Inspections_31_March_2024');
  const header = rows.findIndex((r) => r.includes('Local authority name'));
  const name = rows[header].indexOf('Local authority name');
  const date = rows[header].indexOf('Inspection date');
  const latest = new Map<string, { inspectedOn: string; grades: Record<string, Grade> }>();
  for (const row of rows.slice(header + 1)) {
    const when = row[date];
    // "Not yet inspected" reads as no date.
    if (!row[name] || !(when instanceof Date) || Number.isNaN(when.getTime())) continue;
    const grades: Record<string, Grade> = {};
    JUDGEMENT_AREAS.forEach((area, i) => {
      const grade = row[date + 1 + i];
      if (grade !== null) grades[area] = GRADES[String(grade)];
    });
    latest.set(String(row[name]), { inspectedOn: isoDate(row[date]), grades });
  }
  return latest;
}

/** The history sheet (both its tables): LA name → number of ILACS inspections listed. */
function historySheet(): Map<string, number> {
  const counts = new Map<string, number>();
  let typeColumns: number[] = [];
  let name = -1;
  for (const row of sheet('ILACS_inspections_2018-2024')) {
    if (row.includes('Local authority name')) {
      name = row.indexOf('Local authority name');
      typeColumns = row.flatMap((h, i) => (/inspection type$/i.test(String(h)) ? [i] : []));
    } else if (name >= 0 && row[name] && typeColumns.some((i) => row[i] !== null)) {
      const n = typeColumns.filter((i) => row[i] !== null).length;
      counts.set(String(row[name]), (counts.get(String(row[name])) ?? 0) + n);
    }
  }
  return counts;
}

describe('after a fresh start (migrate, seed), the 2024 edition is imported', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let las: Array<{ id: string; name: string; validTo: string | null }>;
  const idByName = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...localAuthorityEntities, ...inspectionEntities, AuditEvent],
      imports: [InspectionsModule],
    });
    const dataSource = app.get(DataSource);
    las = await dataSource.query(
      `SELECT id, name, valid_to AS "validTo" FROM local_authority ORDER BY valid_to DESC NULLS FIRST`,
    );
    const aliases: Array<{ normalised_name: string; local_authority_id: string }> =
      await dataSource.query(
        'SELECT normalised_name, local_authority_id FROM local_authority_alias',
      );
    // Current LAs first, so "Dorset" is the unitary council, not the county abolished in 2019.
    for (const la of [...las].reverse()) idByName.set(normaliseLocalAuthorityName(la.name), la.id);
    for (const a of aliases)
      if (!idByName.has(a.normalised_name)) idByName.set(a.normalised_name, a.local_authority_id);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const laOf = (name: string) => {
    const id = idByName.get(normaliseLocalAuthorityName(name));
    if (!id) throw new Error(`the test cannot find an LA named "${name}"`);
    return id;
  };

  it('gives every LA the latest inspection of the "Inspections_31_March_2024" sheet as of 30 June 2024', async () => {
    const expected = new Map([...latestSheet()].map(([name, latest]) => [laOf(name), latest]));
    expect(expected.size).toBe(151); // 153 LAs less Cumberland and Westmorland and Furness
    const events = await app.get(InspectionsService).eventsOf(las.map((la) => la.id));
    const history = new Map([...historySheet()].map(([name, n]) => [laOf(name), n]));
    las.forEach((la, i) => {
      const latest = latestGradedInspectionAsOf(events[i], '2024-06-30');
      const want = expected.get(la.id);
      if (want) {
        expect({
          la: la.name,
          inspectedOn: latest?.inspectedOn,
          grades: Object.fromEntries((latest?.judgements ?? []).map((j) => [j.area, j.grade])),
        }).toEqual({ la: la.name, ...want });
      } else {
        // Not in the sheet: abolished before 2024 (its last inspection is in the history table) or never inspected.
        expect({ la: la.name, inspected: latest !== null }).toEqual({
          la: la.name,
          inspected: history.has(la.id),
        });
      }
    });
  });

  it('gives every LA as many graded inspections as the history table lists: no duplicates', async () => {
    const history = new Map<string, number>();
    for (const [name, n] of historySheet())
      history.set(laOf(name), (history.get(laOf(name)) ?? 0) + n);
    expect([...history.values()].reduce((a, b) => a + b)).toBe(219);
    const events = await app.get(InspectionsService).eventsOf(las.map((la) => la.id));
    const counts = las.map((la, i) => ({
      la: la.name,
      graded: events[i].filter((e) => GRADED_KINDS.includes(e.kind)).length,
    }));
    expect(counts).toEqual(las.map((la) => ({ la: la.name, graded: history.get(la.id) ?? 0 })));
  });
});
