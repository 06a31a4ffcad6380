import { MigrationInterface, QueryRunner } from 'typeorm';

const KEY = `programme_id, contract_id, supplier_id, service_line, financial_year, local_authority_id`;

/** Adds signed changes to the totals; a change comes as (session_id, local_authority_id, pence, charges). */
const ADD_TO_TOTALS = (changes: string) => `
  INSERT INTO session_charge_total AS t (${KEY}, pence, charges)
  SELECT s.programme_id, s.contract_id, s.supplier_id, s.service_line, s.financial_year,
         c.local_authority_id, sum(c.pence), sum(c.charges)
    FROM (${changes}) c
    JOIN delivery_session s ON s.id = c.session_id
   WHERE s.status = 'APPROVED'
   GROUP BY s.programme_id, s.contract_id, s.supplier_id, s.service_line, s.financial_year,
            c.local_authority_id
  ON CONFLICT (${KEY})
  DO UPDATE SET pence = t.pence + excluded.pence, charges = t.charges + excluded.charges`;

/**
 * Spend from a few thousand totals rather than millions of cost shares: what approved sessions
 * have charged, by programme, contract, supplier, line, year and LA, kept exact by triggers in the
 * same transaction as the shares and sessions they add up.
 */
export class SessionChargeTotals1795696625077 implements MigrationInterface {
  name = 'SessionChargeTotals1795696625077';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The release before this one serves while it runs: no session may be approved between the
    // totals being added up and the triggers that keep them existing.
    await queryRunner.query(
      `LOCK TABLE delivery_session, session_cost_share IN SHARE ROW EXCLUSIVE MODE`,
    );
    await queryRunner.query(
      `CREATE TABLE "session_charge_total" ("programme_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "service_line" text NOT NULL, "financial_year" character varying(7) NOT NULL, "local_authority_id" uuid NOT NULL, "pence" bigint NOT NULL, "charges" integer NOT NULL, CONSTRAINT "PK_4158b57ece59b29f1b44a74cfdb" PRIMARY KEY ("programme_id", "contract_id", "supplier_id", "service_line", "financial_year", "local_authority_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO session_charge_total (${KEY}, pence, charges)
       SELECT s.programme_id, s.contract_id, s.supplier_id, s.service_line, s.financial_year,
              cs.local_authority_id, sum(cs.amount_pence), count(*)
         FROM session_cost_share cs
         JOIN delivery_session s ON s.id = cs.session_id
        WHERE s.status = 'APPROVED'
        GROUP BY s.programme_id, s.contract_id, s.supplier_id, s.service_line, s.financial_year,
                 cs.local_authority_id`,
    );
    // Shares written, changed or taken away: one upsert per statement, whatever its number of rows.
    await queryRunner.query(
      `CREATE FUNCTION session_cost_share_totals() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           ${ADD_TO_TOTALS(`SELECT session_id, local_authority_id, amount_pence AS pence, 1 AS charges FROM added`)};
         ELSIF TG_OP = 'UPDATE' THEN
           ${ADD_TO_TOTALS(
             `SELECT session_id, local_authority_id, amount_pence AS pence, 1 AS charges FROM added
              UNION ALL
              SELECT session_id, local_authority_id, -amount_pence, -1 FROM removed`,
           )};
         ELSE
           ${ADD_TO_TOTALS(`SELECT session_id, local_authority_id, -amount_pence AS pence, -1 AS charges FROM removed`)};
         END IF;
         DELETE FROM session_charge_total WHERE charges = 0;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER session_cost_share_added AFTER INSERT ON "session_cost_share"
         REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION session_cost_share_totals()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER session_cost_share_changed AFTER UPDATE ON "session_cost_share"
         REFERENCING OLD TABLE AS removed NEW TABLE AS added
         FOR EACH STATEMENT EXECUTE FUNCTION session_cost_share_totals()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER session_cost_share_removed AFTER DELETE ON "session_cost_share"
         REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION session_cost_share_totals()`,
    );
    // A session deleted takes its charges with it while its shares are still there to add up: the
    // cascade that then deletes the shares finds no session, so takes nothing twice.
    await queryRunner.query(
      `CREATE FUNCTION delivery_session_uncharged() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         ${ADD_TO_TOTALS(
           `SELECT session_id, local_authority_id, -amount_pence AS pence, -1 AS charges
              FROM session_cost_share WHERE session_id = OLD.id`,
         )};
         DELETE FROM session_charge_total WHERE charges = 0;
         RETURN OLD;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER delivery_session_uncharged BEFORE DELETE ON "delivery_session"
         FOR EACH ROW WHEN (OLD.status = 'APPROVED') EXECUTE FUNCTION delivery_session_uncharged()`,
    );
    // A session whose charged columns change moves its shares from the old totals to the new ones.
    await queryRunner.query(
      `CREATE FUNCTION delivery_session_recharged() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO session_charge_total AS t (${KEY}, pence, charges)
         SELECT v.programme_id, v.contract_id, v.supplier_id, v.service_line, v.financial_year,
                cs.local_authority_id, sum(v.sign * cs.amount_pence), sum(v.sign)
           FROM session_cost_share cs
          CROSS JOIN (VALUES
                (OLD.programme_id, OLD.contract_id, OLD.supplier_id, OLD.service_line, OLD.financial_year, OLD.status, -1),
                (NEW.programme_id, NEW.contract_id, NEW.supplier_id, NEW.service_line, NEW.financial_year, NEW.status, 1)
              ) AS v(programme_id, contract_id, supplier_id, service_line, financial_year, status, sign)
          WHERE cs.session_id = OLD.id AND v.status = 'APPROVED'
          GROUP BY v.programme_id, v.contract_id, v.supplier_id, v.service_line, v.financial_year,
                   cs.local_authority_id
         ON CONFLICT (${KEY})
         DO UPDATE SET pence = t.pence + excluded.pence, charges = t.charges + excluded.charges;
         DELETE FROM session_charge_total WHERE charges = 0;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER delivery_session_recharged
         AFTER UPDATE OF "status", "programme_id", "contract_id", "supplier_id", "service_line", "financial_year"
         ON "delivery_session" FOR EACH ROW
         WHEN ((OLD.status = 'APPROVED' OR NEW.status = 'APPROVED')
               AND (OLD.status, OLD.programme_id, OLD.contract_id, OLD.supplier_id, OLD.service_line, OLD.financial_year)
                   IS DISTINCT FROM
                   (NEW.status, NEW.programme_id, NEW.contract_id, NEW.supplier_id, NEW.service_line, NEW.financial_year))
         EXECUTE FUNCTION delivery_session_recharged()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER delivery_session_recharged ON "delivery_session"`);
    await queryRunner.query(`DROP FUNCTION delivery_session_recharged()`);
    await queryRunner.query(`DROP TRIGGER delivery_session_uncharged ON "delivery_session"`);
    await queryRunner.query(`DROP FUNCTION delivery_session_uncharged()`);
    await queryRunner.query(`DROP TRIGGER session_cost_share_removed ON "session_cost_share"`);
    await queryRunner.query(`DROP TRIGGER session_cost_share_changed ON "session_cost_share"`);
    await queryRunner.query(`DROP TRIGGER session_cost_share_added ON "session_cost_share"`);
    await queryRunner.query(`DROP FUNCTION session_cost_share_totals()`);
    await queryRunner.query(`DROP TABLE "session_charge_total"`);
  }
}
