import { MigrationInterface, QueryRunner } from 'typeorm';

export class LocalAuthorities1795629976133 implements MigrationInterface {
  name = 'LocalAuthorities1795629976133';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "region" ("code" character varying(9) NOT NULL, "name" text NOT NULL, "improvement_alliance" text NOT NULL, CONSTRAINT "PK_74f7723fdff738f92929c0056cb" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "local_authority" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "gss_code" character varying(9) NOT NULL, "dfe_code" character varying(3) NOT NULL, "name" text NOT NULL, "region_code" character varying(9) NOT NULL, "type" text NOT NULL, "valid_from" date, "valid_to" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fc08f2cb72614cea5393b2ee6ab" UNIQUE ("gss_code"), CONSTRAINT "UQ_856bc7b4f3a4adf04fef89f2881" UNIQUE ("dfe_code"), CONSTRAINT "local_authority_validity" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >= "valid_from"), CONSTRAINT "PK_c243e39274795ca545f17d438e5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a8a1e1e6ff4e842cfb6cfef229" ON "local_authority"  ("region_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "local_authority_alias" ("normalised_name" text NOT NULL, "name" text NOT NULL, "local_authority_id" uuid NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_0165418a1c3fa48dfcb4cd4bedc" PRIMARY KEY ("normalised_name"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4d7b1545c3555117ffaf43745c" ON "local_authority_alias"  ("local_authority_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "local_authority_earlier_code" ("gss_code" character varying(9) NOT NULL, "local_authority_id" uuid NOT NULL, CONSTRAINT "PK_590eb8d9e205360bbc297a9a1b9" PRIMARY KEY ("gss_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5897a5177cdd3a1168ad8452e7" ON "local_authority_earlier_code"  ("local_authority_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "local_authority_succession" ("predecessor_id" uuid NOT NULL, "successor_id" uuid NOT NULL, "effective_on" date NOT NULL, CONSTRAINT "PK_e46d9827006e081c1e73e606b5b" PRIMARY KEY ("predecessor_id", "successor_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9c714cc0acf20f6c97f829b0bf" ON "local_authority_succession"  ("successor_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority" ADD CONSTRAINT "FK_a8a1e1e6ff4e842cfb6cfef2296" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority_alias" ADD CONSTRAINT "FK_4d7b1545c3555117ffaf43745c7" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority_earlier_code" ADD CONSTRAINT "FK_5897a5177cdd3a1168ad8452e73" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority_succession" ADD CONSTRAINT "FK_d7ee77ed8a5a4b591bfb147a36b" FOREIGN KEY ("predecessor_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority_succession" ADD CONSTRAINT "FK_9c714cc0acf20f6c97f829b0bf6" FOREIGN KEY ("successor_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "local_authority_succession" DROP CONSTRAINT "FK_9c714cc0acf20f6c97f829b0bf6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority_succession" DROP CONSTRAINT "FK_d7ee77ed8a5a4b591bfb147a36b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority_earlier_code" DROP CONSTRAINT "FK_5897a5177cdd3a1168ad8452e73"`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority_alias" DROP CONSTRAINT "FK_4d7b1545c3555117ffaf43745c7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_authority" DROP CONSTRAINT "FK_a8a1e1e6ff4e842cfb6cfef2296"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_9c714cc0acf20f6c97f829b0bf"`);
    await queryRunner.query(`DROP TABLE "local_authority_succession"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5897a5177cdd3a1168ad8452e7"`);
    await queryRunner.query(`DROP TABLE "local_authority_earlier_code"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4d7b1545c3555117ffaf43745c"`);
    await queryRunner.query(`DROP TABLE "local_authority_alias"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a8a1e1e6ff4e842cfb6cfef229"`);
    await queryRunner.query(`DROP TABLE "local_authority"`);
    await queryRunner.query(`DROP TABLE "region"`);
  }
}
