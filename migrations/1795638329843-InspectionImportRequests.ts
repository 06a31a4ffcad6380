import { MigrationInterface, QueryRunner } from 'typeorm';

export class InspectionImportRequests1795638329843 implements MigrationInterface {
  name = 'InspectionImportRequests1795638329843';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inspection_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "file_name" text NOT NULL, "storage_key" text NOT NULL, "dry_run" boolean NOT NULL, "requested_by_user_id" uuid, "status" text NOT NULL DEFAULT 'QUEUED', "progress" integer NOT NULL DEFAULT '0', "progress_message" text, "summary" jsonb, "error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "inspection_import_progress" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "inspection_import_status" CHECK ("status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')), CONSTRAINT "PK_50611f8830da89a8efeb82f798f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "inspection_import_newest" ON "inspection_import"  ("created_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."inspection_import_newest"`);
    await queryRunner.query(`DROP TABLE "inspection_import"`);
  }
}
