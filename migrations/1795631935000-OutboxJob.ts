import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxJob1795631935000 implements MigrationInterface {
  name = 'OutboxJob1795631935000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue" text NOT NULL, "name" text NOT NULL, "job_id" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "relayed_at" TIMESTAMP WITH TIME ZONE, "relay_attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "outbox_job_job_id" UNIQUE ("job_id"), CONSTRAINT "PK_fca572df71a1e08db50f81f7617" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_job_unrelayed" ON "outbox_job"  ("created_at") WHERE "relayed_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_job_unrelayed"`);
    await queryRunner.query(`DROP TABLE "outbox_job"`);
  }
}
