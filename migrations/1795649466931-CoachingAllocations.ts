import { MigrationInterface, QueryRunner } from 'typeorm';

export class CoachingAllocations1795649466931 implements MigrationInterface {
  name = 'CoachingAllocations1795649466931';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "coaching_allocation" ("engagement_id" uuid NOT NULL, "role" text NOT NULL, "allocated_minutes" integer NOT NULL, "allocated_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "coaching_allocation_minutes" CHECK ("allocated_minutes" >= 0), CONSTRAINT "coaching_allocation_role" CHECK ("role" IN ('LEAD_MEMBER', 'LEADER_OF_COUNCIL', 'CABINET_MEMBER', 'COUNCILLOR', 'CHIEF_EXECUTIVE', 'DIRECTOR_OF_CHILDRENS_SERVICES', 'CHIEF_FINANCE_OFFICER', 'HR_LEAD', 'IT_LEAD', 'OTHER_SENIOR_LEADER')), CONSTRAINT "PK_cee96ef0bd8fb35b7271a023294" PRIMARY KEY ("engagement_id", "role"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "coaching_variation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "engagement_id" uuid NOT NULL, "role" text NOT NULL, "extra_minutes" integer NOT NULL, "reason" text NOT NULL, "approved_by_user_id" uuid, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "coaching_variation_minutes" CHECK ("extra_minutes" > 0), CONSTRAINT "coaching_variation_role" CHECK ("role" IN ('LEAD_MEMBER', 'LEADER_OF_COUNCIL', 'CABINET_MEMBER', 'COUNCILLOR', 'CHIEF_EXECUTIVE', 'DIRECTOR_OF_CHILDRENS_SERVICES', 'CHIEF_FINANCE_OFFICER', 'HR_LEAD', 'IT_LEAD', 'OTHER_SENIOR_LEADER')), CONSTRAINT "PK_dd68bb0e259762d35581bd3e99b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e2db63b7dd8cbccbbe619536ea" ON "coaching_variation"  ("engagement_id", "role") `,
    );
    await queryRunner.query(
      `ALTER TABLE "coaching_allocation" ADD CONSTRAINT "FK_35fd2947198ee519c86724846c3" FOREIGN KEY ("engagement_id") REFERENCES "engagement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coaching_variation" ADD CONSTRAINT "FK_5c0bafd34967133658595d5f952" FOREIGN KEY ("engagement_id") REFERENCES "engagement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "coaching_variation" DROP CONSTRAINT "FK_5c0bafd34967133658595d5f952"`,
    );
    await queryRunner.query(
      `ALTER TABLE "coaching_allocation" DROP CONSTRAINT "FK_35fd2947198ee519c86724846c3"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_e2db63b7dd8cbccbbe619536ea"`);
    await queryRunner.query(`DROP TABLE "coaching_variation"`);
    await queryRunner.query(`DROP TABLE "coaching_allocation"`);
  }
}
