import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgrammesAndEngagements1795638121351 implements MigrationInterface {
  name = 'ProgrammesAndEngagements1795638121351';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "programme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "contracting_authority" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "budget_pence" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_46001affee0cee5356f85f30135" UNIQUE ("name"), CONSTRAINT "programme_budget" CHECK ("budget_pence" >= 0), CONSTRAINT "programme_dates" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "PK_76ff6b30b74f213944d1ac0a660" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "budget_allocation" ("programme_id" uuid NOT NULL, "financial_year" character varying(7) NOT NULL, "amount_pence" bigint NOT NULL, CONSTRAINT "budget_allocation_amount" CHECK ("amount_pence" >= 0), CONSTRAINT "PK_e4307fa989bc24d571c124620dd" PRIMARY KEY ("programme_id", "financial_year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "lot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "number" integer NOT NULL, "title" text NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "lot_number" CHECK ("number" >= 1), CONSTRAINT "lot_validity" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"), CONSTRAINT "PK_2ba293e2165c7b93cd766c8ac9b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_76898cbf9fda199ba0ebad9a2f" ON "lot"  ("programme_id", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lot_service_line" ("lot_id" uuid NOT NULL, "service_line" text NOT NULL, CONSTRAINT "PK_d3c963f8d2a4376438defa93638" PRIMARY KEY ("lot_id", "service_line"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "supplier" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "name_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c82661208e98e4eb634c6e07bb3" UNIQUE ("name_key"), CONSTRAINT "PK_2bc0d2cab6276144d2ff98a2828" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "supplier_contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "supplier_id" uuid NOT NULL, "email" text NOT NULL, "name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f21d7b009c8750c6b4d69b2fb13" UNIQUE ("supplier_id", "email"), CONSTRAINT "PK_5f15c23fae212c40a4d683efe86" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b37e3b4aa6749d5672b11dcbf9" ON "supplier_contact"  ("supplier_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "reference" text NOT NULL, "value_pence" bigint NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_9ed8bb88ea85d86bdade75ec336" UNIQUE ("programme_id", "reference"), CONSTRAINT "contract_value" CHECK ("value_pence" >= 0), CONSTRAINT "contract_dates" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "PK_17c3a89f58a2997276084e706e8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d81bd5a8f6f649704c0d83e5a5" ON "contract"  ("programme_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_61e30c884b0bb0bb4d9498a25d" ON "contract"  ("supplier_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_rate" ("contract_id" uuid NOT NULL, "service_line" text NOT NULL, "unit" text NOT NULL, "amount_pence" bigint NOT NULL, CONSTRAINT "contract_rate_amount" CHECK ("amount_pence" >= 0), CONSTRAINT "contract_rate_unit" CHECK ("unit" IN ('PER_SESSION', 'PER_PARTICIPANT', 'PER_HOUR', 'PER_DIAGNOSTIC', 'FIXED')), CONSTRAINT "PK_5a7d976d532912e6abfd54babd7" PRIMARY KEY ("contract_id", "service_line"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "programme_service_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "service_line" text NOT NULL, "name" text NOT NULL, CONSTRAINT "UQ_1aec6cda95392b294e98793473b" UNIQUE ("programme_id", "service_line"), CONSTRAINT "programme_service_line_code" CHECK ("service_line" IN ('POLITICAL_LEADERSHIP', 'CORPORATE_LEADERSHIP', 'LEAD_MEMBER_NETWORKS', 'CORPORATE_PARENTING_DIAGNOSTIC', 'COUNCILLOR_GROUPS', 'TARGETED_SUPPORT', 'COACHING_MENTORING')), CONSTRAINT "PK_7f16cf54ac61eac9e6581301216" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_line_target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "service_line" text NOT NULL, "financial_year" character varying(7) NOT NULL, "target_basis" text NOT NULL, "target" integer, "cap" integer, "effective_from" date NOT NULL, "recorded_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "service_line_target_cap" CHECK ("cap" IS NULL OR "cap" >= 0), CONSTRAINT "service_line_target_number" CHECK (("target_basis" = 'NUMBER') = ("target" IS NOT NULL) AND ("target" IS NULL OR "target" >= 0)), CONSTRAINT "service_line_target_basis" CHECK ("target_basis" IN ('NUMBER', 'EVERY_ACTIVE_LA', 'EVERY_REGION', 'NONE')), CONSTRAINT "service_line_target_code" CHECK ("service_line" IN ('POLITICAL_LEADERSHIP', 'CORPORATE_LEADERSHIP', 'LEAD_MEMBER_NETWORKS', 'CORPORATE_PARENTING_DIAGNOSTIC', 'COUNCILLOR_GROUPS', 'TARGETED_SUPPORT', 'COACHING_MENTORING')), CONSTRAINT "PK_729935315420515fd792fb96a04" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b26b204d1a87f73d6b235d72f7" ON "service_line_target"  ("programme_id", "service_line", "financial_year", "effective_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "engagement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "service_line" text NOT NULL, "local_authority_id" uuid NOT NULL, "financial_year" character varying(7) NOT NULL, "status" text NOT NULL, "referral_reason" text NOT NULL, "referred_on" date NOT NULL, "referred_by_user_id" uuid, "contract_id" uuid, "decided_on" date, "decided_by_user_id" uuid, "decline_reason" text, "override_reason" text, "eligibility" jsonb, "started_on" date, "completed_on" date, "withdrawn_on" date, "withdrawal_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "engagement_contract" CHECK ("status" IN ('REFERRED', 'DECLINED') OR "contract_id" IS NOT NULL), CONSTRAINT "engagement_service_line" CHECK ("service_line" IN ('POLITICAL_LEADERSHIP', 'CORPORATE_LEADERSHIP', 'LEAD_MEMBER_NETWORKS', 'CORPORATE_PARENTING_DIAGNOSTIC', 'COUNCILLOR_GROUPS', 'TARGETED_SUPPORT', 'COACHING_MENTORING')), CONSTRAINT "engagement_status" CHECK ("status" IN ('REFERRED', 'APPROVED', 'IN_DELIVERY', 'COMPLETED', 'DECLINED', 'WITHDRAWN')), CONSTRAINT "PK_08aef5bffed6ae054d4022b0b00" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b0d32c2c3e4ab568462fbda93c" ON "engagement"  ("local_authority_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6321dda84cdaf7b1b7cb3c30ea" ON "engagement"  ("contract_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9813a1d588e8550107d96f40ee" ON "engagement"  ("programme_id", "service_line", "financial_year", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "engagement_one_open" ON "engagement"  ("programme_id", "local_authority_id", "service_line", "financial_year") WHERE "status" IN ('REFERRED', 'APPROVED', 'IN_DELIVERY')`,
    );
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "programme_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "IDX_ed6ef2c03c8079090ce6aa72fb" ON "audit_event"  ("programme_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "budget_allocation" ADD CONSTRAINT "FK_97da6ea5dc749cf120c386a4219" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot" ADD CONSTRAINT "FK_83b9e1265c1a3a16c57250781b8" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_service_line" ADD CONSTRAINT "FK_77188d3172e09da2a391f1e8c04" FOREIGN KEY ("lot_id") REFERENCES "lot"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supplier_contact" ADD CONSTRAINT "FK_b37e3b4aa6749d5672b11dcbf92" FOREIGN KEY ("supplier_id") REFERENCES "supplier"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract" ADD CONSTRAINT "FK_d81bd5a8f6f649704c0d83e5a59" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract" ADD CONSTRAINT "FK_61e30c884b0bb0bb4d9498a25d2" FOREIGN KEY ("supplier_id") REFERENCES "supplier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract" ADD CONSTRAINT "FK_5fecafcf0cfb9b61ce5cc0a4e70" FOREIGN KEY ("lot_id") REFERENCES "lot"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_rate" ADD CONSTRAINT "FK_4cb5394ee058ee80b4d2a0a0531" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_service_line" ADD CONSTRAINT "FK_5a4b77bc09ec02e135b01c31d19" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_line_target" ADD CONSTRAINT "FK_e562767c1fd623f796b7bd03439" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement" ADD CONSTRAINT "FK_9197906c006b1688d8f7693a47e" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement" ADD CONSTRAINT "FK_b0d32c2c3e4ab568462fbda93ca" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement" ADD CONSTRAINT "FK_6321dda84cdaf7b1b7cb3c30eaf" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "engagement" DROP CONSTRAINT "FK_6321dda84cdaf7b1b7cb3c30eaf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement" DROP CONSTRAINT "FK_b0d32c2c3e4ab568462fbda93ca"`,
    );
    await queryRunner.query(
      `ALTER TABLE "engagement" DROP CONSTRAINT "FK_9197906c006b1688d8f7693a47e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_line_target" DROP CONSTRAINT "FK_e562767c1fd623f796b7bd03439"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_service_line" DROP CONSTRAINT "FK_5a4b77bc09ec02e135b01c31d19"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_rate" DROP CONSTRAINT "FK_4cb5394ee058ee80b4d2a0a0531"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract" DROP CONSTRAINT "FK_5fecafcf0cfb9b61ce5cc0a4e70"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract" DROP CONSTRAINT "FK_61e30c884b0bb0bb4d9498a25d2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract" DROP CONSTRAINT "FK_d81bd5a8f6f649704c0d83e5a59"`,
    );
    await queryRunner.query(
      `ALTER TABLE "supplier_contact" DROP CONSTRAINT "FK_b37e3b4aa6749d5672b11dcbf92"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lot_service_line" DROP CONSTRAINT "FK_77188d3172e09da2a391f1e8c04"`,
    );
    await queryRunner.query(`ALTER TABLE "lot" DROP CONSTRAINT "FK_83b9e1265c1a3a16c57250781b8"`);
    await queryRunner.query(
      `ALTER TABLE "budget_allocation" DROP CONSTRAINT "FK_97da6ea5dc749cf120c386a4219"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_ed6ef2c03c8079090ce6aa72fb"`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "programme_id"`);
    await queryRunner.query(`DROP INDEX "public"."engagement_one_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9813a1d588e8550107d96f40ee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6321dda84cdaf7b1b7cb3c30ea"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b0d32c2c3e4ab568462fbda93c"`);
    await queryRunner.query(`DROP TABLE "engagement"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b26b204d1a87f73d6b235d72f7"`);
    await queryRunner.query(`DROP TABLE "service_line_target"`);
    await queryRunner.query(`DROP TABLE "programme_service_line"`);
    await queryRunner.query(`DROP TABLE "contract_rate"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_61e30c884b0bb0bb4d9498a25d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d81bd5a8f6f649704c0d83e5a5"`);
    await queryRunner.query(`DROP TABLE "contract"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b37e3b4aa6749d5672b11dcbf9"`);
    await queryRunner.query(`DROP TABLE "supplier_contact"`);
    await queryRunner.query(`DROP TABLE "supplier"`);
    await queryRunner.query(`DROP TABLE "lot_service_line"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_76898cbf9fda199ba0ebad9a2f"`);
    await queryRunner.query(`DROP TABLE "lot"`);
    await queryRunner.query(`DROP TABLE "budget_allocation"`);
    await queryRunner.query(`DROP TABLE "programme"`);
  }
}
