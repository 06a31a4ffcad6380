import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An engagement's latest sessions from one index: each link carries its session's day
 * (delivered, else planned), kept by triggers, since the day lives on the session and a cohort
 * session is linked to many engagements.
 */
export class SessionEngagementLatest1795695067695 implements MigrationInterface {
  name = 'SessionEngagementLatest1795695067695';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The release before this one serves while it runs: no session may move to another day
    // between the links being given their days and the trigger that keeps them existing.
    await queryRunner.query(`LOCK TABLE delivery_session IN SHARE ROW EXCLUSIVE MODE`);
    await queryRunner.query(`DROP INDEX "public"."IDX_29ac87168dc326f865097f62cd"`);
    await queryRunner.query(`ALTER TABLE "session_engagement" ADD "session_on" date`);
    await queryRunner.query(
      `UPDATE "session_engagement" link SET "session_on" = COALESCE(s."delivered_on", s."planned_on")
         FROM "delivery_session" s WHERE s."id" = link."session_id"`,
    );
    await queryRunner.query(`ALTER TABLE "session_engagement" ALTER "session_on" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "session_engagement_latest" ON "session_engagement"  ("engagement_id", "session_on", "session_id") `,
    );
    // A link takes its session's day when it is made, whoever makes it (a bulk load too).
    await queryRunner.query(
      `CREATE FUNCTION session_engagement_day() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW.session_on := (SELECT COALESCE(s.delivered_on, s.planned_on)
                              FROM delivery_session s WHERE s.id = NEW.session_id);
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER session_engagement_day BEFORE INSERT OR UPDATE ON "session_engagement"
         FOR EACH ROW EXECUTE FUNCTION session_engagement_day()`,
    );
    // And follows it when the session is planned for another day or reported delivered.
    await queryRunner.query(
      `CREATE FUNCTION delivery_session_day() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE session_engagement SET session_on = COALESCE(NEW.delivered_on, NEW.planned_on)
          WHERE session_id = NEW.id;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER delivery_session_day AFTER UPDATE OF "delivered_on", "planned_on" ON "delivery_session"
         FOR EACH ROW
         WHEN (COALESCE(OLD.delivered_on, OLD.planned_on) IS DISTINCT FROM COALESCE(NEW.delivered_on, NEW.planned_on))
         EXECUTE FUNCTION delivery_session_day()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER delivery_session_day ON "delivery_session"`);
    await queryRunner.query(`DROP FUNCTION delivery_session_day()`);
    await queryRunner.query(`DROP TRIGGER session_engagement_day ON "session_engagement"`);
    await queryRunner.query(`DROP FUNCTION session_engagement_day()`);
    await queryRunner.query(`DROP INDEX "public"."session_engagement_latest"`);
    await queryRunner.query(`ALTER TABLE "session_engagement" DROP COLUMN "session_on"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_29ac87168dc326f865097f62cd" ON "session_engagement" USING btree ("engagement_id") `,
    );
  }
}
