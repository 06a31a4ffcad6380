import { MigrationInterface, QueryRunner } from 'typeorm';

export class Inspections1795634585584 implements MigrationInterface {
  name = 'Inspections1795634585584';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "concern" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "recorded_on" date NOT NULL, "withdrawn_on" date, "note" text NOT NULL, "recorded_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_17272f51582db9d4ed6af9c7007" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9ef1905974253a77e2ad6217d2" ON "concern"  ("local_authority_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "inspection_judgement" ("inspection_id" uuid NOT NULL, "area" text NOT NULL, "framework" text NOT NULL, "grade" text NOT NULL, CONSTRAINT "inspection_judgement_area" CHECK ("area" IN ('OVERALL_EFFECTIVENESS', 'IMPACT_OF_LEADERS', 'HELP_AND_PROTECTION', 'CHILDREN_IN_CARE', 'CARE_LEAVERS')), CONSTRAINT "inspection_judgement_grade" CHECK ("grade" IN ('OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE')), CONSTRAINT "PK_9f560a83f495194a3060a5515a2" PRIMARY KEY ("inspection_id", "area"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "inspection_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "local_authority_id" uuid NOT NULL, "kind" text NOT NULL, "inspected_on" date, "published_on" date, "theme" text, "priority_action_areas" text array NOT NULL DEFAULT '{}', "letter_date" date, "source" text NOT NULL, "source_file" text, "source_sheet" text, "source_row" integer, "recorded_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "inspection_event_source" CHECK ("source" IN ('FILE', 'USER')), CONSTRAINT "inspection_event_kind" CHECK ("kind" IN ('STANDARD_INSPECTION', 'SHORT_INSPECTION', 'FOCUSED_VISIT', 'MONITORING_VISIT', 'JTAI', 'OTHER')), CONSTRAINT "PK_6f3615677ff2a8c0291986b07b2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4242d610073422a0f571370e1c" ON "inspection_event"  ("local_authority_id", "published_on") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "inspection_event_identity" ON "inspection_event"  ("local_authority_id", "kind", "inspected_on") WHERE "inspected_on" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "concern" ADD CONSTRAINT "FK_9ef1905974253a77e2ad6217d24" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inspection_judgement" ADD CONSTRAINT "FK_fa7fa5d6aa216c3c8928f3cd21c" FOREIGN KEY ("inspection_id") REFERENCES "inspection_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inspection_event" ADD CONSTRAINT "FK_5c21342adfedbad74ae671b417b" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "inspection_event" DROP CONSTRAINT "FK_5c21342adfedbad74ae671b417b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "inspection_judgement" DROP CONSTRAINT "FK_fa7fa5d6aa216c3c8928f3cd21c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "concern" DROP CONSTRAINT "FK_9ef1905974253a77e2ad6217d24"`,
    );
    await queryRunner.query(`DROP INDEX "public"."inspection_event_identity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4242d610073422a0f571370e1c"`);
    await queryRunner.query(`DROP TABLE "inspection_event"`);
    await queryRunner.query(`DROP TABLE "inspection_judgement"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9ef1905974253a77e2ad6217d2"`);
    await queryRunner.query(`DROP TABLE "concern"`);
  }
}
