import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAndAudit1795631695966 implements MigrationInterface {
  name = 'IdentityAndAudit1795631695966';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer" text NOT NULL, "subject" text NOT NULL, "email" text, "display_name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "app_user_issuer_subject" UNIQUE ("issuer", "subject"), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "role_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" text NOT NULL, "supplier_id" uuid, "region_code" character varying(9), "programme_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "role_assignment_role" CHECK ("role" IN ('PROGRAMME_MANAGER', 'SUPPLIER', 'REGIONAL_ADVISER', 'ADMIN')), CONSTRAINT "PK_7e79671a8a5db18936173148cb4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0308896e1a10f74ce104f6cc93" ON "role_assignment"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" text, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7a2d6b21c108b71bb75a793a2f" ON "audit_event"  ("actor_user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c0ea392536b5c4cba7012b6f7b" ON "audit_event"  ("entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignment" ADD CONSTRAINT "FK_0308896e1a10f74ce104f6cc93f" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The audit log is append-only for every role, the product's own included (SPEC §5.10).
    await queryRunner.query(`CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only: % is not allowed on audit_event', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER audit_event_no_update_or_delete ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_is_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "role_assignment" DROP CONSTRAINT "FK_0308896e1a10f74ce104f6cc93f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_c0ea392536b5c4cba7012b6f7b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7a2d6b21c108b71bb75a793a2f"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0308896e1a10f74ce104f6cc93"`);
    await queryRunner.query(`DROP TABLE "role_assignment"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
  }
}
