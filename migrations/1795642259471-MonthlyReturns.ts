import { MigrationInterface, QueryRunner } from 'typeorm';

export class MonthlyReturns1795642259471 implements MigrationInterface {
  name = 'MonthlyReturns1795642259471';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "monthly_return" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "month" date NOT NULL, "status" text NOT NULL, "sessions_delivered" integer NOT NULL, "participants" integer NOT NULL, "spend_pence" bigint NOT NULL, "note" text, "return_reason" text, "first_submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_by_user_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "monthly_return_one_per_month" UNIQUE ("programme_id", "supplier_id", "month"), CONSTRAINT "monthly_return_decided" CHECK ("status" = 'SUBMITTED' OR "decided_at" IS NOT NULL), CONSTRAINT "monthly_return_reason" CHECK ("status" <> 'RETURNED' OR "return_reason" IS NOT NULL), CONSTRAINT "monthly_return_figures" CHECK ("sessions_delivered" >= 0 AND "participants" >= 0 AND "spend_pence" >= 0), CONSTRAINT "monthly_return_month" CHECK (EXTRACT(DAY FROM "month") = 1), CONSTRAINT "monthly_return_status" CHECK ("status" IN ('SUBMITTED', 'ACCEPTED', 'RETURNED')), CONSTRAINT "PK_9787fe2f010d0fa24afd86d7c8d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_93984fdcf50d3ff3b06c9a5604" ON "monthly_return"  ("supplier_id", "month") `,
    );
    await queryRunner.query(
      `ALTER TABLE "monthly_return" ADD CONSTRAINT "FK_82dd75b7b8a908b421fca909afb" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "monthly_return" ADD CONSTRAINT "FK_8d4f3a6ef79653ba973dc8a70e3" FOREIGN KEY ("supplier_id") REFERENCES "supplier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "monthly_return" DROP CONSTRAINT "FK_8d4f3a6ef79653ba973dc8a70e3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "monthly_return" DROP CONSTRAINT "FK_82dd75b7b8a908b421fca909afb"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_93984fdcf50d3ff3b06c9a5604"`);
    await queryRunner.query(`DROP TABLE "monthly_return"`);
  }
}
