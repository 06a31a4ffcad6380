import { MigrationInterface, QueryRunner } from 'typeorm';

export class Participants1795649366043 implements MigrationInterface {
  name = 'Participants1795649366043';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "engagement_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "role" text NOT NULL, "name" text NOT NULL, "email" text, "created_by_user_id" uuid, "erased_at" TIMESTAMP WITH TIME ZONE, "erased_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "participant_erased" CHECK ("erased_at" IS NULL OR ("email" IS NULL AND "name" = 'Erased participant')), CONSTRAINT "participant_role" CHECK ("role" IN ('LEAD_MEMBER', 'LEADER_OF_COUNCIL', 'CABINET_MEMBER', 'COUNCILLOR', 'CHIEF_EXECUTIVE', 'DIRECTOR_OF_CHILDRENS_SERVICES', 'CHIEF_FINANCE_OFFICER', 'HR_LEAD', 'IT_LEAD', 'OTHER_SENIOR_LEADER')), CONSTRAINT "PK_64da4237f502041781ca15d4c41" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c577326b2e924cba732fe35d6f" ON "participant"  ("engagement_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0f71d580a5004ad5af8be0a417" ON "participant"  ("programme_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5322dd40072785dd038565c17b" ON "participant"  ("local_authority_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "participant_one_email" ON "participant"  ("engagement_id", "email") WHERE "email" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant" ADD CONSTRAINT "FK_c577326b2e924cba732fe35d6f8" FOREIGN KEY ("engagement_id") REFERENCES "engagement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant" ADD CONSTRAINT "FK_0f71d580a5004ad5af8be0a417d" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant" ADD CONSTRAINT "FK_5322dd40072785dd038565c17bd" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "participant" DROP CONSTRAINT "FK_5322dd40072785dd038565c17bd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant" DROP CONSTRAINT "FK_0f71d580a5004ad5af8be0a417d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant" DROP CONSTRAINT "FK_c577326b2e924cba732fe35d6f8"`,
    );
    await queryRunner.query(`DROP INDEX "public"."participant_one_email"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5322dd40072785dd038565c17b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0f71d580a5004ad5af8be0a417"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c577326b2e924cba732fe35d6f"`);
    await queryRunner.query(`DROP TABLE "participant"`);
  }
}
