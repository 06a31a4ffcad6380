import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1795660114324 implements MigrationInterface {
  name = 'Reports1795660114324';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "kind" text NOT NULL, "financial_year" character varying(7) NOT NULL, "format" text NOT NULL, "status" text NOT NULL DEFAULT 'QUEUED', "progress" integer NOT NULL DEFAULT '0', "requested_by_user_id" uuid, "schedule_key" text, "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "error" text, "storage_key" text, "byte_size" bigint, "file_name" text, CONSTRAINT "report_progress" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "report_status" CHECK ("status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')), CONSTRAINT "report_format" CHECK ("format" IN ('ODS', 'XLSX', 'CSV')), CONSTRAINT "report_kind" CHECK ("kind" IN ('MONTHLY_MI', 'SESSIONS_EXTRACT', 'ENGAGEMENTS_EXTRACT')), CONSTRAINT "PK_99e4d0bea58cba73c57f935a546" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "report_schedule_key" ON "report"  ("programme_id", "schedule_key") WHERE "schedule_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "report_programme_newest" ON "report"  ("programme_id", "requested_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "report" ADD CONSTRAINT "FK_5c69f5b757270d964c647e2fe63" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "report" DROP CONSTRAINT "FK_5c69f5b757270d964c647e2fe63"`,
    );
    await queryRunner.query(`DROP INDEX "public"."report_programme_newest"`);
    await queryRunner.query(`DROP INDEX "public"."report_schedule_key"`);
    await queryRunner.query(`DROP TABLE "report"`);
  }
}
