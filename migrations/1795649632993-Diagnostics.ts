import { MigrationInterface, QueryRunner } from 'typeorm';

export class Diagnostics1795649632993 implements MigrationInterface {
  name = 'Diagnostics1795649632993';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "diagnostic" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "service_line" text NOT NULL, "engagement_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "financial_year" character varying(7) NOT NULL, "status" text NOT NULL, "planned_on" date NOT NULL, "fieldwork_started_on" date, "draft_report_on" date, "final_report_on" date, "follow_up_due_on" date, "cost_pence" bigint, "rate_unit" text, "rate_amount_pence" bigint, "costed_on" date, "cost_financial_year" character varying(7), "planned_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "diagnostic_rate_unit" CHECK ("rate_unit" IS NULL OR "rate_unit" IN ('PER_SESSION', 'PER_PARTICIPANT', 'PER_HOUR', 'PER_DIAGNOSTIC', 'FIXED')), CONSTRAINT "diagnostic_cost" CHECK (("status" = 'FINAL_REPORT') = ("cost_pence" IS NOT NULL) AND ("cost_pence" IS NULL OR "cost_pence" >= 0) AND ("cost_pence" IS NULL) = ("costed_on" IS NULL) AND ("cost_pence" IS NULL) = ("cost_financial_year" IS NULL) AND ("cost_pence" IS NULL) = ("follow_up_due_on" IS NULL)), CONSTRAINT "diagnostic_steps" CHECK (("fieldwork_started_on" IS NOT NULL) = ("status" <> 'PLANNED') AND ("draft_report_on" IS NOT NULL) = ("status" IN ('DRAFT_REPORT', 'FINAL_REPORT')) AND ("final_report_on" IS NOT NULL) = ("status" = 'FINAL_REPORT')), CONSTRAINT "diagnostic_service_line" CHECK ("service_line" = 'CORPORATE_PARENTING_DIAGNOSTIC'), CONSTRAINT "diagnostic_status" CHECK ("status" IN ('PLANNED', 'FIELDWORK', 'DRAFT_REPORT', 'FINAL_REPORT')), CONSTRAINT "PK_98c9b0b51c24cd981d15ee3091b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7920a10d05e6e085d2251eefd0" ON "diagnostic"  ("engagement_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2d392621489b74f42e710a515c" ON "diagnostic"  ("supplier_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_dd54d883df3fd01e1dbcffac8e" ON "diagnostic"  ("contract_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2ece6dc3fdb50a9f262dda8752" ON "diagnostic"  ("programme_id", "financial_year", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "diagnostic_one_per_la_and_year" ON "diagnostic"  ("programme_id", "local_authority_id", "financial_year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "diagnostic_finding" ("diagnostic_id" uuid NOT NULL, "principle" text NOT NULL, "rating" text NOT NULL, "commentary" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "diagnostic_finding_rating" CHECK ("rating" IN ('RED', 'AMBER', 'GREEN')), CONSTRAINT "diagnostic_finding_principle" CHECK ("principle" IN ('BEST_INTERESTS_AND_WELLBEING', 'EXPRESS_VIEWS', 'TAKE_VIEWS_INTO_ACCOUNT', 'ACCESS_TO_SERVICES', 'HIGH_ASPIRATIONS', 'SAFETY_AND_STABILITY', 'PREPARATION_FOR_ADULTHOOD')), CONSTRAINT "PK_b1c8498c058b023f16f5a351871" PRIMARY KEY ("diagnostic_id", "principle"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "diagnostic_recommendation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "diagnostic_id" uuid NOT NULL, "text" text NOT NULL, "owner_role" text NOT NULL, "due_on" date NOT NULL, "enabler" text NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "diagnostic_recommendation_status" CHECK ("status" IN ('OPEN', 'IN_PROGRESS', 'DONE')), CONSTRAINT "diagnostic_recommendation_enabler" CHECK ("enabler" IN ('STRATEGIC_APPROACH', 'LEADERSHIP_AND_GOVERNANCE', 'WORKFORCE', 'PARTNERS', 'SUPPORTING_APPARATUS', 'INNOVATION', 'JUDICIOUS_USE_OF_RESOURCES')), CONSTRAINT "diagnostic_recommendation_owner" CHECK ("owner_role" IN ('LEAD_MEMBER', 'LEADER_OF_COUNCIL', 'CABINET', 'CHIEF_EXECUTIVE', 'DIRECTOR_OF_CHILDRENS_SERVICES', 'CHIEF_FINANCE_OFFICER', 'HR_LEAD', 'CORPORATE_PARENTING_BOARD', 'OTHER_SENIOR_LEADER')), CONSTRAINT "PK_cacefad1cb00a31d195546a969d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_80b0447291a21bebbcdff241f2" ON "diagnostic_recommendation"  ("diagnostic_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" ADD CONSTRAINT "FK_327e982b7ba3d3775276712c67b" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" ADD CONSTRAINT "FK_7920a10d05e6e085d2251eefd0f" FOREIGN KEY ("engagement_id") REFERENCES "engagement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" ADD CONSTRAINT "FK_beb35887eb2f85cfaeaf0548cfc" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" ADD CONSTRAINT "FK_2d392621489b74f42e710a515c9" FOREIGN KEY ("supplier_id") REFERENCES "supplier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" ADD CONSTRAINT "FK_dd54d883df3fd01e1dbcffac8ed" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic_finding" ADD CONSTRAINT "FK_a5327f459521ec484bfd7a019cc" FOREIGN KEY ("diagnostic_id") REFERENCES "diagnostic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic_recommendation" ADD CONSTRAINT "FK_80b0447291a21bebbcdff241f22" FOREIGN KEY ("diagnostic_id") REFERENCES "diagnostic"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "diagnostic_recommendation" DROP CONSTRAINT "FK_80b0447291a21bebbcdff241f22"`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic_finding" DROP CONSTRAINT "FK_a5327f459521ec484bfd7a019cc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" DROP CONSTRAINT "FK_dd54d883df3fd01e1dbcffac8ed"`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" DROP CONSTRAINT "FK_2d392621489b74f42e710a515c9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" DROP CONSTRAINT "FK_beb35887eb2f85cfaeaf0548cfc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" DROP CONSTRAINT "FK_7920a10d05e6e085d2251eefd0f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" DROP CONSTRAINT "FK_327e982b7ba3d3775276712c67b"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_80b0447291a21bebbcdff241f2"`);
    await queryRunner.query(`DROP TABLE "diagnostic_recommendation"`);
    await queryRunner.query(`DROP TABLE "diagnostic_finding"`);
    await queryRunner.query(`DROP INDEX "public"."diagnostic_one_per_la_and_year"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2ece6dc3fdb50a9f262dda8752"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dd54d883df3fd01e1dbcffac8e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2d392621489b74f42e710a515c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7920a10d05e6e085d2251eefd0"`);
    await queryRunner.query(`DROP TABLE "diagnostic"`);
  }
}
