import { createTestDatabase, type TestDatabase } from '@la-tracker/platform/testing';
import { Client } from 'pg';

const PROGRAMME = 'a4000000-0000-4000-8000-000000000001';
const LOT = {
  1: 'c4000000-0000-4000-8000-000000000001',
  5: 'c4000000-0000-4000-8000-000000000005',
};
const NORTH_STAR = 'b4000000-0000-4000-8000-000000000001';
const ELSEWHERE = 'b4000000-0000-4000-8000-000000000002';
const A1 = 'd4000000-0000-4000-8000-000000000001';
const E5 = 'd4000000-0000-4000-8000-000000000005';
const REFERENCE: Record<string, string> = { [A1]: 'A1', [E5]: 'E5' };

type Total = [
  contract: string,
  line: string,
  year: string,
  la: string,
  pence: number,
  charges: number,
];

/** The triggers that keep the spend totals, checked move by move against the shares themselves. */
describe('session charge totals', () => {
  let database: TestDatabase;
  let client: Client;

  /** A submitted session, approved as the product approves one: costed first, then shared. */
  async function approve(
    contractId: string,
    serviceLine: string,
    financialYear: string,
    shares: Record<string, number>,
  ): Promise<string> {
    const supplierId = contractId === A1 ? NORTH_STAR : ELSEWHERE;
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO delivery_session (programme_id, service_line, supplier_id, contract_id, status,
                                     delivered_on, financial_year, duration_minutes, format, topic)
       VALUES ($1, $2, $3, $4, 'SUBMITTED', $5, $6, 60, 'ONLINE', 'Scrutiny') RETURNING id`,
      [
        PROGRAMME,
        serviceLine,
        supplierId,
        contractId,
        `${financialYear.slice(0, 4)}-06-14`,
        financialYear,
      ],
    );
    const id = rows[0].id;
    const cost = Object.values(shares).reduce((sum, pence) => sum + pence, 0);
    await client.query('BEGIN');
    await client.query(
      `UPDATE delivery_session SET status = 'APPROVED', cost_pence = $2 WHERE id = $1`,
      [id, cost],
    );
    await client.query(
      `INSERT INTO session_cost_share (session_id, local_authority_id, amount_pence)
       SELECT $1, la.id, share.pence::bigint
         FROM jsonb_each_text($2::jsonb) share(gss_code, pence)
         JOIN local_authority la ON la.gss_code = share.gss_code`,
      [id, JSON.stringify(shares)],
    );
    await client.query('COMMIT');
    return id;
  }

  /** The totals, by contract reference and LA code, in a fixed order. */
  async function totals(): Promise<Total[]> {
    const { rows } = await client.query<{
      contract_id: string;
      service_line: string;
      financial_year: string;
      gss_code: string;
      pence: string;
      charges: number;
    }>(
      `SELECT t.contract_id, t.service_line, t.financial_year, la.gss_code, t.pence, t.charges
         FROM session_charge_total t JOIN local_authority la ON la.id = t.local_authority_id
        ORDER BY t.financial_year, t.service_line, la.gss_code`,
    );
    return rows.map((row) => [
      REFERENCE[row.contract_id],
      row.service_line,
      row.financial_year,
      row.gss_code,
      Number(row.pence),
      row.charges,
    ]);
  }

  /** Rows on one side and not the other, between the totals and the shares added up afresh. */
  async function drift(): Promise<number> {
    const live = `SELECT s.programme_id, s.contract_id, s.supplier_id, s.service_line, s.financial_year,
                         cs.local_authority_id, sum(cs.amount_pence) AS pence, count(*)::int AS charges
                    FROM session_cost_share cs JOIN delivery_session s ON s.id = cs.session_id
                   WHERE s.status = 'APPROVED' GROUP BY 1, 2, 3, 4, 5, 6`;
    const kept = `SELECT programme_id, contract_id, supplier_id, service_line, financial_year,
                         local_authority_id, pence, charges FROM session_charge_total`;
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ((${live} EXCEPT ${kept}) UNION ALL (${kept} EXCEPT ${live})) d`,
    );
    return rows[0].n;
  }

  async function expectTotals(expected: Total[]): Promise<void> {
    expect(await totals()).toEqual(expected);
    expect(await drift()).toBe(0);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO programme (id, name, contracting_authority, starts_on, ends_on, budget_pence)
       VALUES ($1, 'Programme', 'Department for Education', '2021-05-31', '2025-03-31', 100000000)`,
      [PROGRAMME],
    );
    await client.query(
      `INSERT INTO lot (id, programme_id, number, title, valid_from)
       VALUES ($1, $3, 1, 'Lot 1', '2021-05-31'), ($2, $3, 5, 'Lot 5', '2021-05-31')`,
      [LOT[1], LOT[5], PROGRAMME],
    );
    await client.query(
      `INSERT INTO supplier (id, name, name_key)
       VALUES ($1, 'North Star Leadership Ltd', 'north star leadership ltd'), ($2, 'Elsewhere Ltd', 'elsewhere ltd')`,
      [NORTH_STAR, ELSEWHERE],
    );
    await client.query(
      `INSERT INTO contract (id, programme_id, supplier_id, lot_id, reference, value_pence, starts_on, ends_on)
       VALUES ($1, $3, $4, $5, 'A1', 1000000, '2021-05-31', '2025-03-31'),
              ($2, $3, $6, $7, 'E5', 1000000, '2021-05-31', '2025-03-31')`,
      [A1, E5, PROGRAMME, NORTH_STAR, LOT[1], ELSEWHERE, LOT[5]],
    );
  });

  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('adds up approvals, follows a session moved, and takes away what is deleted', async () => {
    // Hartlepool E06000001, Middlesbrough E06000002, Stockton-on-Tees E06000004.
    const first = await approve(A1, 'POLITICAL_LEADERSHIP', '2022-23', {
      E06000001: 1_000,
      E06000002: 500,
    });
    const second = await approve(A1, 'POLITICAL_LEADERSHIP', '2022-23', { E06000001: 300 });
    const third = await approve(E5, 'COUNCILLOR_GROUPS', '2023-24', { E06000004: 700 });
    // A session with no cost still counts as one charge.
    await approve(E5, 'COUNCILLOR_GROUPS', '2023-24', { E06000002: 0 });
    await expectTotals([
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000001', 1_300, 2],
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000002', 500, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000002', 0, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000004', 700, 1],
    ]);

    // Submitted and unapproved sessions charge nothing, whatever their shares.
    await client.query(
      `INSERT INTO delivery_session (programme_id, service_line, supplier_id, contract_id, status,
                                     delivered_on, financial_year, duration_minutes, format, topic)
       VALUES ($1, 'POLITICAL_LEADERSHIP', $2, $3, 'SUBMITTED', '2022-09-13', '2022-23', 90, 'ONLINE', 'Scrutiny')`,
      [PROGRAMME, NORTH_STAR, A1],
    );
    await expectTotals([
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000001', 1_300, 2],
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000002', 500, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000002', 0, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000004', 700, 1],
    ]);

    // An approved session put into another year moves its charge there.
    await client.query(`UPDATE delivery_session SET financial_year = '2023-24' WHERE id = $1`, [
      second,
    ]);
    await expectTotals([
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000001', 1_000, 1],
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000002', 500, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000002', 0, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000004', 700, 1],
      ['A1', 'POLITICAL_LEADERSHIP', '2023-24', 'E06000001', 300, 1],
    ]);

    // One no longer approved charges nothing; approved again, it charges as before.
    await client.query(
      `UPDATE delivery_session SET status = 'SUBMITTED', cost_pence = NULL WHERE id = $1`,
      [third],
    );
    await expectTotals([
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000001', 1_000, 1],
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000002', 500, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000002', 0, 1],
      ['A1', 'POLITICAL_LEADERSHIP', '2023-24', 'E06000001', 300, 1],
    ]);
    await client.query(
      `UPDATE delivery_session SET status = 'APPROVED', cost_pence = 700 WHERE id = $1`,
      [third],
    );
    await expectTotals([
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000001', 1_000, 1],
      ['A1', 'POLITICAL_LEADERSHIP', '2022-23', 'E06000002', 500, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000002', 0, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000004', 700, 1],
      ['A1', 'POLITICAL_LEADERSHIP', '2023-24', 'E06000001', 300, 1],
    ]);

    // A session deleted takes its shares, by the cascade, and their charges with it, once.
    await client.query(`DELETE FROM delivery_session WHERE id = $1`, [first]);
    await expectTotals([
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000002', 0, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000004', 700, 1],
      ['A1', 'POLITICAL_LEADERSHIP', '2023-24', 'E06000001', 300, 1],
    ]);

    // A share changed or deleted on its own is followed too.
    await client.query(`UPDATE session_cost_share SET amount_pence = 650 WHERE session_id = $1`, [
      third,
    ]);
    await client.query(`DELETE FROM session_cost_share WHERE session_id = $1`, [second]);
    await expectTotals([
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000002', 0, 1],
      ['E5', 'COUNCILLOR_GROUPS', '2023-24', 'E06000004', 650, 1],
    ]);
  });
});
