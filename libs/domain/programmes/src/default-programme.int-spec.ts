import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { identityEntities } from '@la-tracker/domain/identity';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
import {
  callerWith,
  createDomainTestContext,
  createTestDatabase,
  grant,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { DEFAULT_PROGRAMME } from './default-programme';
import { ProgrammeChangeService } from './programme-change.service';
import { programmeEntities } from './programmes.entities';
import { ProgrammesModule } from './programmes.module';
import { ProgrammesService } from './programmes.service';

const ID = '6c1f0f52-7d43-4b8e-9a55-1b5d2a0c7e01';
const admin = callerWith([grant(Role.ADMIN)], randomUUID());

describe('the default programme', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: ProgrammeChangeService;
  let programmes: ProgrammesService;
  let dataSource: DataSource;

  /** Every row of the default programme, and how many audit rows there are. */
  async function snapshot(): Promise<unknown> {
    const of = (sql: string) => dataSource.query(sql, [ID]);
    return {
      programme: await of('SELECT * FROM programme WHERE id = $1'),
      allocations: await of('SELECT * FROM budget_allocation WHERE programme_id = $1'),
      lines: await of('SELECT * FROM programme_service_line WHERE programme_id = $1 ORDER BY id'),
      lots: await of(
        `SELECT l.*, ls.service_line FROM lot l JOIN lot_service_line ls ON ls.lot_id = l.id
          WHERE l.programme_id = $1 ORDER BY l.id, ls.service_line`,
      ),
      targets: await of('SELECT * FROM service_line_target WHERE programme_id = $1 ORDER BY id'),
      audit: await dataSource.query('SELECT count(*) FROM audit_event'),
    };
  }

  beforeEach(async () => {
    // The template was seeded by the command line, so the default programme is there already.
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...localAuthorityEntities, ...identityEntities, ...programmeEntities, AuditEvent],
      imports: [ProgrammesModule],
    });
    sut = app.get(ProgrammeChangeService);
    programmes = app.get(ProgrammesService);
    dataSource = app.get(DataSource);
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  it('has the id every installation knows it by', () => {
    expect(DEFAULT_PROGRAMME.id).toBe(ID);
  });

  it('was seeded with the notice’s terms, 7 lots of one service line each from its start', async () => {
    expect(await dataSource.query('SELECT * FROM programme')).toEqual([
      expect.objectContaining({
        id: ID,
        name: 'Local Authority and Political Leadership Support',
        contracting_authority: 'Department for Education',
        starts_on: '2021-05-31',
        ends_on: '2024-03-31',
        budget_pence: '140000000',
      }),
    ]);
    const [lots] = await programmes.lotsOf([ID]);
    expect(
      lots.map((lot) => [lot.number, lot.validFrom, lot.validTo, lot.serviceLines.join()]),
    ).toEqual([
      [1, '2021-05-31', null, 'POLITICAL_LEADERSHIP'],
      [2, '2021-05-31', null, 'CORPORATE_LEADERSHIP'],
      [3, '2021-05-31', null, 'LEAD_MEMBER_NETWORKS'],
      [4, '2021-05-31', null, 'CORPORATE_PARENTING_DIAGNOSTIC'],
      [5, '2021-05-31', null, 'COUNCILLOR_GROUPS'],
      [6, '2021-05-31', null, 'TARGETED_SUPPORT'],
      [7, '2021-05-31', null, 'COACHING_MENTORING'],
    ]);
    expect(lots[3].title).toBe("Full diagnostic of an LA's corporate parenting arrangements");
  });

  it('was seeded with targets for each of its years, from its start', async () => {
    const [versions] = await programmes.targetsOf([ID]);
    expect(versions).toHaveLength(21);
    expect(new Set(versions.map((version) => version.effectiveFrom))).toEqual(
      new Set(['2021-05-31']),
    );
    const in2022 = versions
      .filter((version) => version.financialYear === '2022-23')
      .map((version) => [version.serviceLine, version.targetBasis, version.target, version.cap]);
    // 152 LAs were active in 2022-23: 160 in the file, less the six gone by April 2022
    // (Bedfordshire, Bournemouth, Cheshire, Dorset county, Northamptonshire, Poole) and the
    // two that began in April 2023 (Cumberland, Westmorland and Furness).
    expect(in2022).toEqual(
      expect.arrayContaining([
        ['POLITICAL_LEADERSHIP', 'EVERY_ACTIVE_LA', 152, null],
        ['CORPORATE_LEADERSHIP', 'EVERY_ACTIVE_LA', 152, null],
        ['LEAD_MEMBER_NETWORKS', 'EVERY_REGION', 9, null],
        ['CORPORATE_PARENTING_DIAGNOSTIC', 'NUMBER', 12, null],
        ['COUNCILLOR_GROUPS', 'NONE', null, null],
        ['TARGETED_SUPPORT', 'EVERY_REGION', 9, null],
        ['COACHING_MENTORING', 'NONE', null, 15],
      ]),
    );
    expect(in2022).toHaveLength(7);
    const lot1 = (year: string) =>
      versions.find(
        (version) =>
          version.financialYear === year && version.serviceLine === 'POLITICAL_LEADERSHIP',
      )?.target;
    // 2021-22: Northamptonshire gone, its two successors in (152); 2023-24: Cumbria gone, its two in (153).
    expect([lot1('2021-22'), lot1('2022-23'), lot1('2023-24')]).toEqual([152, 152, 153]);
  });

  it('changes nothing when seeded again', async () => {
    const before = await snapshot();
    expect(await sut.seedDefaultProgramme()).toEqual({ created: false });
    expect(await sut.seedDefaultProgramme()).toEqual({ created: false });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps what a manager changed since', async () => {
    await sut.updateProgramme(admin, { programmeId: ID, budgetPence: 5_300_000_00 });
    await sut.setServiceLineTarget(admin, {
      programmeId: ID,
      serviceLine: 'COACHING_MENTORING',
      financialYear: '2023-24',
      targetBasis: 'NONE',
      cap: 20,
      effectiveFrom: '2023-04-01',
    });
    const changed = await snapshot();
    expect(await sut.seedDefaultProgramme()).toEqual({ created: false });
    expect(await snapshot()).toEqual(changed);
    expect(
      await dataSource.query('SELECT budget_pence FROM programme WHERE id = $1', [ID]),
    ).toEqual([{ budget_pence: '530000000' }]);
  });

  it('creates it on a database without it, once, and audits that', async () => {
    await dataSource.query('DELETE FROM programme WHERE id = $1', [ID]);
    expect(await sut.seedDefaultProgramme()).toEqual({ created: true });
    const created = await snapshot();
    expect(await sut.seedDefaultProgramme()).toEqual({ created: false });
    expect(await snapshot()).toEqual(created);
    const counts = await dataSource.query(
      `SELECT (SELECT count(*) FROM programme_service_line WHERE programme_id = $1)::int AS lines,
              (SELECT count(*) FROM lot WHERE programme_id = $1)::int AS lots,
              (SELECT count(*) FROM service_line_target WHERE programme_id = $1)::int AS targets`,
      [ID],
    );
    expect(counts).toEqual([{ lines: 7, lots: 7, targets: 21 }]);
    const audit = await dataSource.query(
      `SELECT actor_user_id, entity_id, programme_id, after->'lots'->6 AS lot7
         FROM audit_event WHERE action = 'programme.create' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual([
      {
        actor_user_id: null,
        entity_id: ID,
        programme_id: ID,
        lot7: {
          number: 7,
          title: 'Coaching and mentoring for individual political and corporate leaders',
          serviceLines: ['COACHING_MENTORING'],
        },
      },
    ]);
  });
});
