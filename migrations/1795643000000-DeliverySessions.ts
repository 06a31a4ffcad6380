import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliverySessions1795643000000 implements MigrationInterface {
  name = 'DeliverySessions1795643000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "delivery_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "service_line" text NOT NULL, "supplier_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "status" text NOT NULL, "planned_on" date, "delivered_on" date, "financial_year" character varying(7) NOT NULL, "duration_minutes" integer, "format" text, "topic" text, "notes" text, "return_reason" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by_user_id" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by_user_id" uuid, "returned_at" TIMESTAMP WITH TIME ZONE, "returned_by_user_id" uuid, "cost_pence" bigint, "rate_unit" text, "rate_amount_pence" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "delivery_session_rate_unit" CHECK ("rate_unit" IS NULL OR "rate_unit" IN ('PER_SESSION', 'PER_PARTICIPANT', 'PER_HOUR', 'PER_DIAGNOSTIC', 'FIXED')), CONSTRAINT "delivery_session_cost" CHECK (("status" = 'APPROVED') = ("cost_pence" IS NOT NULL) AND ("cost_pence" IS NULL OR "cost_pence" >= 0)), CONSTRAINT "delivery_session_report" CHECK (("status" = 'PLANNED' AND "planned_on" IS NOT NULL AND "delivered_on" IS NULL) OR ("status" <> 'PLANNED' AND "delivered_on" IS NOT NULL AND "duration_minutes" IS NOT NULL AND "format" IS NOT NULL AND "topic" IS NOT NULL)), CONSTRAINT "delivery_session_duration" CHECK ("duration_minutes" IS NULL OR "duration_minutes" BETWEEN 15 AND 720), CONSTRAINT "delivery_session_format" CHECK ("format" IS NULL OR "format" IN ('IN_PERSON', 'ONLINE', 'HYBRID')), CONSTRAINT "delivery_session_service_line" CHECK ("service_line" IN ('POLITICAL_LEADERSHIP', 'CORPORATE_LEADERSHIP', 'LEAD_MEMBER_NETWORKS', 'CORPORATE_PARENTING_DIAGNOSTIC', 'COUNCILLOR_GROUPS', 'TARGETED_SUPPORT', 'COACHING_MENTORING')), CONSTRAINT "delivery_session_status" CHECK ("status" IN ('PLANNED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED')), CONSTRAINT "PK_b56405b66de868bbc0dd40a151d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_82b7e367e16d494957353cf890" ON "delivery_session"  ("supplier_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a53d3285c8317aa70213019092" ON "delivery_session"  ("contract_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_265cb89838927b56a0ae8c23e7" ON "delivery_session"  ("programme_id", "service_line", "financial_year", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "session_engagement" ("session_id" uuid NOT NULL, "engagement_id" uuid NOT NULL, CONSTRAINT "PK_995be9334aece21fd08335b67c5" PRIMARY KEY ("session_id", "engagement_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_29ac87168dc326f865097f62cd" ON "session_engagement"  ("engagement_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "session_attendance" ("session_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "role" text NOT NULL, "count" integer NOT NULL, CONSTRAINT "session_attendance_count" CHECK ("count" BETWEEN 1 AND 1000), CONSTRAINT "session_attendance_role" CHECK ("role" IN ('LEAD_MEMBER', 'LEADER_OF_COUNCIL', 'CABINET_MEMBER', 'COUNCILLOR', 'CHIEF_EXECUTIVE', 'DIRECTOR_OF_CHILDRENS_SERVICES', 'CHIEF_FINANCE_OFFICER', 'HR_LEAD', 'IT_LEAD', 'OTHER_SENIOR_LEADER')), CONSTRAINT "PK_7679ac78649848c5e4462d1ab36" PRIMARY KEY ("session_id", "local_authority_id", "role"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "session_cost_share" ("session_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, "amount_pence" bigint NOT NULL, CONSTRAINT "session_cost_share_amount" CHECK ("amount_pence" >= 0), CONSTRAINT "PK_f34c7ef83ba544fdf362f3ea35b" PRIMARY KEY ("session_id", "local_authority_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_378649d786b3c6f31c2180d1e1" ON "session_cost_share"  ("local_authority_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "delivery_session" ADD CONSTRAINT "FK_6223011dc0060cf0f2c6df68dd7" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "delivery_session" ADD CONSTRAINT "FK_82b7e367e16d494957353cf8903" FOREIGN KEY ("supplier_id") REFERENCES "supplier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "delivery_session" ADD CONSTRAINT "FK_a53d3285c8317aa702130190926" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_engagement" ADD CONSTRAINT "FK_81c26100cc839dcdcef09d8ad4c" FOREIGN KEY ("session_id") REFERENCES "delivery_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_engagement" ADD CONSTRAINT "FK_29ac87168dc326f865097f62cd9" FOREIGN KEY ("engagement_id") REFERENCES "engagement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_attendance" ADD CONSTRAINT "FK_fe13eeaaceb32f7ef9a269e1af2" FOREIGN KEY ("session_id") REFERENCES "delivery_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_attendance" ADD CONSTRAINT "FK_d8954fe297c1d3cc7e396289350" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_cost_share" ADD CONSTRAINT "FK_540c58e8bb289ddff8a6aa2e243" FOREIGN KEY ("session_id") REFERENCES "delivery_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_cost_share" ADD CONSTRAINT "FK_378649d786b3c6f31c2180d1e12" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "session_cost_share" DROP CONSTRAINT "FK_378649d786b3c6f31c2180d1e12"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_cost_share" DROP CONSTRAINT "FK_540c58e8bb289ddff8a6aa2e243"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_attendance" DROP CONSTRAINT "FK_d8954fe297c1d3cc7e396289350"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_attendance" DROP CONSTRAINT "FK_fe13eeaaceb32f7ef9a269e1af2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_engagement" DROP CONSTRAINT "FK_29ac87168dc326f865097f62cd9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_engagement" DROP CONSTRAINT "FK_81c26100cc839dcdcef09d8ad4c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "delivery_session" DROP CONSTRAINT "FK_a53d3285c8317aa702130190926"`,
    );
    await queryRunner.query(
      `ALTER TABLE "delivery_session" DROP CONSTRAINT "FK_82b7e367e16d494957353cf8903"`,
    );
    await queryRunner.query(
      `ALTER TABLE "delivery_session" DROP CONSTRAINT "FK_6223011dc0060cf0f2c6df68dd7"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_378649d786b3c6f31c2180d1e1"`);
    await queryRunner.query(`DROP TABLE "session_cost_share"`);
    await queryRunner.query(`DROP TABLE "session_attendance"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_29ac87168dc326f865097f62cd"`);
    await queryRunner.query(`DROP TABLE "session_engagement"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_265cb89838927b56a0ae8c23e7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a53d3285c8317aa70213019092"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_82b7e367e16d494957353cf890"`);
    await queryRunner.query(`DROP TABLE "delivery_session"`);
  }
}
