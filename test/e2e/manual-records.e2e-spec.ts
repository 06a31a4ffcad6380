import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

const RECORD_VISIT = `mutation ($input: RecordInspectionInput!) { recordInspection(input: $input) {
  id type inspectedOn publishedOn priorityActionAreas letterDate } }`;

// Cumberland has no Ofsted history in the 2024 edition, so these are the only records about it.
const visit = {
  localAuthorityCode: '942',
  type: 'FOCUSED_VISIT',
  inspectedOn: '2024-05-07',
  publishedOn: '2024-06-10',
  priorityActionAreas: ['Timeliness of assessments', 'Management oversight of practice'],
  letterDate: '2024-06-10',
};

describe('recording inspections and concerns by hand', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    const token = await tokenFor(database.url, 'PROGRAMME_MANAGER');
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      {},
      { authorization: `Bearer ${token}` },
    );
  }, 60_000);

  afterAll(async () => {
    await api.stop();
    await database.drop();
  });

  it('records a focused visit with its areas for priority action, which then make the LA eligible', async () => {
    const recorded = await api.graphql(RECORD_VISIT, { input: visit });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordInspection).toMatchObject({
      type: 'FOCUSED_VISIT',
      inspectedOn: '2024-05-07',
      priorityActionAreas: visit.priorityActionAreas,
      letterDate: '2024-06-10',
    });
    const eligibility = await api.graphql(
      `{ localAuthority(code: "942") { eligibility(serviceLine: COACHING_MENTORING, asOf: "2024-06-30") { eligible basis evidence { inspections { id } } } } }`,
    );
    expect(eligibility.data?.localAuthority.eligibility).toEqual({
      eligible: true,
      basis: ['PRIORITY_ACTION_AREAS'],
      evidence: { inspections: [{ id: recorded.data?.recordInspection.id }] },
    });
  });

  it('answers CONFLICT when the same visit is recorded again, and writes nothing', async () => {
    const again = await api.graphql(RECORD_VISIT, {
      input: { ...visit, priorityActionAreas: ['Something else'] },
    });
    expect(again.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('already has a focused visit on 2024-05-07'),
    });
    const list = await api.graphql(
      `{ localAuthority(code: "942") { inspections { totalCount } } }`,
    );
    expect(list.data?.localAuthority.inspections.totalCount).toBe(1);
  });

  it.each([
    [
      'a date in the future',
      {
        ...visit,
        inspectedOn: '2099-01-01',
        publishedOn: null,
        letterDate: null,
        priorityActionAreas: [],
      },
      'input.inspectedOn',
    ],
    [
      'areas for priority action without a letter date',
      { ...visit, inspectedOn: '2024-02-01', letterDate: null },
      'input.letterDate',
    ],
    [
      'grades on a visit',
      {
        ...visit,
        inspectedOn: '2024-03-01',
        judgements: [{ area: 'OVERALL_EFFECTIVENESS', grade: 'INADEQUATE' }],
      },
      'input.judgements',
    ],
  ])('answers BAD_USER_INPUT for %s, naming the field', async (_case, input, field) => {
    const response = await api.graphql(RECORD_VISIT, { input });
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field })],
    });
  });

  it('answers NOT_FOUND for an LA that does not exist', async () => {
    const response = await api.graphql(RECORD_VISIT, {
      input: { ...visit, localAuthorityCode: 'E06000999' },
    });
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('records a concern, which counts towards eligibility from that day, and audits both records', async () => {
    const recorded = await api.graphql(
      `mutation { recordConcern(input: { localAuthorityCode: "E06000063", note: "Re-referrals up a third", recordedOn: "2024-09-02" }) { id recordedOn note } }`,
    );
    expect(recorded.data?.recordConcern).toMatchObject({
      recordedOn: '2024-09-02',
      note: 'Re-referrals up a third',
    });
    const eligibility = await api.graphql(
      `{ localAuthority(code: "942") { before: eligibility(serviceLine: COACHING_MENTORING, asOf: "2024-09-01") { basis }
         after: eligibility(serviceLine: COACHING_MENTORING, asOf: "2024-09-02") { basis evidence { concerns { note } } } } }`,
    );
    expect(eligibility.data?.localAuthority).toEqual({
      before: { basis: ['PRIORITY_ACTION_AREAS'] },
      after: {
        basis: ['PRIORITY_ACTION_AREAS', 'RECORDED_CONCERN'],
        evidence: { concerns: [{ note: 'Re-referrals up a third' }] },
      },
    });
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ action: string; actor_user_id: string | null }>(
        `SELECT action, actor_user_id FROM audit_event WHERE action IN ('inspection.record', 'concern.record') ORDER BY id`,
      );
      expect(rows.map((row) => row.action)).toEqual(['inspection.record', 'concern.record']);
      expect(rows.every((row) => row.actor_user_id !== null)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
