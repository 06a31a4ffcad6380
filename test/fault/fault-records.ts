import { randomUUID } from 'node:crypto';
import type { FaultRig } from '../support/fault-rig';

/**
 * A day on which November 2022's monthly return is chased (from 1 December until 10 working days
 * after it was due on 7 December), and no earlier month's is.
 */
export const CHASE_DAY = '2022-12-02';

export interface Programme {
  programmeId: string;
  supplierId: string;
  contractId: string;
}

/** A programme running 2021–24 with one supplier under contract throughout. */
export async function givenProgramme(rig: Pick<FaultRig, 'sql'>, name: string): Promise<Programme> {
  const [programmeId, lotId, supplierId, contractId] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];
  await rig.sql(
    `INSERT INTO programme (id, name, contracting_authority, starts_on, ends_on, budget_pence)
     VALUES ($1, $2, 'DfE', '2021-05-31', '2024-03-31', 140000000)`,
    [programmeId, name],
  );
  await rig.sql(
    `INSERT INTO lot (id, programme_id, number, title, valid_from) VALUES ($1, $2, 1, 'Lot 1', '2021-05-31')`,
    [lotId, programmeId],
  );
  await rig.sql(`INSERT INTO supplier (id, name, name_key) VALUES ($1, $2, $3)`, [
    supplierId,
    `${name} Supplier Ltd`,
    `${name.toLowerCase()} supplier ltd`,
  ]);
  await rig.sql(
    `INSERT INTO contract (id, programme_id, supplier_id, lot_id, reference, value_pence, starts_on, ends_on)
     VALUES ($1, $2, $3, $4, 'A1', 25000000, '2021-05-31', '2024-03-31')`,
    [contractId, programmeId, supplierId, lotId],
  );
  return { programmeId, supplierId, contractId };
}

/**
 * A supplier with `contacts` contacts that owes November 2022's return: on `CHASE_DAY` the scan
 * finds exactly one reminder per contact, and nothing else.
 */
export async function givenMonthlyReturnFanOut(
  rig: Pick<FaultRig, 'sql'>,
  contacts: number,
): Promise<Programme> {
  const programme = await givenProgramme(rig, 'Fan out');
  await rig.sql(
    `INSERT INTO supplier_contact (supplier_id, email)
     SELECT $1, 'contact-' || n || '@supplier.example' FROM generate_series(1, $2::int) AS n`,
    [programme.supplierId, contacts],
  );
  return programme;
}

/** Managers of the programme, each a user with an address, as role assignments name them. */
export async function givenManagers(
  rig: Pick<FaultRig, 'sql'>,
  programmeId: string,
  emails: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const email of emails) {
    const [{ id }] = await rig.sql<{ id: string }>(
      `INSERT INTO app_user (issuer, subject, email) VALUES ('fault-test', $1, $1) RETURNING id`,
      [email],
    );
    await rig.sql(
      `INSERT INTO role_assignment (user_id, role, programme_id) VALUES ($1, 'PROGRAMME_MANAGER', $2)`,
      [id, programmeId],
    );
    ids.push(id);
  }
  return ids;
}

/** Draft sessions of the supplier, each reported and ready to submit, one per LA given. */
export async function givenDraftSessions(
  rig: Pick<FaultRig, 'sql'>,
  programme: Programme,
  gssCodes: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const gssCode of gssCodes) {
    const [{ id: engagementId }] = await rig.sql<{ id: string }>(
      `INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year, status,
                               referral_reason, referred_on, contract_id, decided_on)
       SELECT $1, 'POLITICAL_LEADERSHIP', la.id, '2022-23', 'IN_DELIVERY', 'Asked for', '2022-06-01', $2, '2022-06-08'
         FROM local_authority la WHERE la.gss_code = $3
       RETURNING id`,
      [programme.programmeId, programme.contractId, gssCode],
    );
    const [{ id }] = await rig.sql<{ id: string }>(
      `INSERT INTO delivery_session (programme_id, service_line, supplier_id, contract_id, status,
                                     delivered_on, duration_minutes, format, topic, financial_year)
       VALUES ($1, 'POLITICAL_LEADERSHIP', $2, $3, 'DRAFT', '2022-09-14', 90, 'ONLINE', 'Budget scrutiny', '2022-23')
       RETURNING id`,
      [programme.programmeId, programme.supplierId, programme.contractId],
    );
    await rig.sql(`INSERT INTO session_engagement (session_id, engagement_id) VALUES ($1, $2)`, [
      id,
      engagementId,
    ]);
    ids.push(id);
  }
  return ids;
}
