import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiTokens1795671756473 implements MigrationInterface {
  name = 'ApiTokens1795671756473';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_on" date NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1725c5ea908ff009f6ab3fa34f" ON "api_token"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_482a03313c765083f39c50f735" ON "api_token"  ("secret_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "api_token" ADD CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_token" DROP CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_482a03313c765083f39c50f735"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1725c5ea908ff009f6ab3fa34f"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
  }
}
