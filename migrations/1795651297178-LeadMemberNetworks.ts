import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadMemberNetworks1795651297178 implements MigrationInterface {
  name = 'LeadMemberNetworks1795651297178';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lead_member_network" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "region_code" character varying(9) NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d044af51c07468c8c1c10cbe2f8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_220fdd25e4fd27f23e75cb02a8" ON "lead_member_network"  ("programme_id", "region_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "network_meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "network_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "region_code" character varying(9) NOT NULL, "contract_id" uuid, "supplier_id" uuid, "held_on" date NOT NULL, "financial_year" character varying(7) NOT NULL, "topics" text array NOT NULL, "recorded_by_user_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25c9c2db26ad1cb62a0134130b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f595fc36c3e40d22c43c125edd" ON "network_meeting"  ("supplier_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7c553f72a8de3f78a209c44b62" ON "network_meeting"  ("network_id", "held_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_86b2aac3a84e882026160940bd" ON "network_meeting"  ("programme_id", "financial_year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "network_meeting_attendance" ("meeting_id" uuid NOT NULL, "local_authority_id" uuid NOT NULL, CONSTRAINT "PK_1f55e08cc0f5c3f31a6d2a794a9" PRIMARY KEY ("meeting_id", "local_authority_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e4c1c56fd18c75f25d97636ad7" ON "network_meeting_attendance"  ("local_authority_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_member_network" ADD CONSTRAINT "FK_2770b9e47831914d2ba57b4886d" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_member_network" ADD CONSTRAINT "FK_9628bc69cf96a024cb340f861cd" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_meeting" ADD CONSTRAINT "FK_f4407f0072e6273aaa195bacf46" FOREIGN KEY ("network_id") REFERENCES "lead_member_network"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_meeting" ADD CONSTRAINT "FK_8053640e579ffc08bd83d15f6c6" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_meeting" ADD CONSTRAINT "FK_f595fc36c3e40d22c43c125edd9" FOREIGN KEY ("supplier_id") REFERENCES "supplier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_meeting_attendance" ADD CONSTRAINT "FK_50c4d6f4a48e2fcbaf4bf74341f" FOREIGN KEY ("meeting_id") REFERENCES "network_meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_meeting_attendance" ADD CONSTRAINT "FK_e4c1c56fd18c75f25d97636ad7f" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "network_meeting_attendance" DROP CONSTRAINT "FK_e4c1c56fd18c75f25d97636ad7f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_meeting_attendance" DROP CONSTRAINT "FK_50c4d6f4a48e2fcbaf4bf74341f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_meeting" DROP CONSTRAINT "FK_f595fc36c3e40d22c43c125edd9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_meeting" DROP CONSTRAINT "FK_8053640e579ffc08bd83d15f6c6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_meeting" DROP CONSTRAINT "FK_f4407f0072e6273aaa195bacf46"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_member_network" DROP CONSTRAINT "FK_9628bc69cf96a024cb340f861cd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_member_network" DROP CONSTRAINT "FK_2770b9e47831914d2ba57b4886d"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_e4c1c56fd18c75f25d97636ad7"`);
    await queryRunner.query(`DROP TABLE "network_meeting_attendance"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_86b2aac3a84e882026160940bd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7c553f72a8de3f78a209c44b62"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f595fc36c3e40d22c43c125edd"`);
    await queryRunner.query(`DROP TABLE "network_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_220fdd25e4fd27f23e75cb02a8"`);
    await queryRunner.query(`DROP TABLE "lead_member_network"`);
  }
}
