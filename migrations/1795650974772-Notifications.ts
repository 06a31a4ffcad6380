import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795650974772 implements MigrationInterface {
  name = 'Notifications1795650974772';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "development_outbox_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "email_address" text NOT NULL, "template" text NOT NULL, "personalisation" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8feaaf325d13ba7f46ebc391595" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_93e2b709c1f1661bdc08220a83" ON "development_outbox_message"  ("reference") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "kind" text NOT NULL, "subject_id" text NOT NULL, "programme_id" uuid, "recipient_type" text NOT NULL, "recipient_id" uuid NOT NULL, "due_on" date NOT NULL, "summary" text NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "channel" text, "provider_message_id" text, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sending_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notification_key" UNIQUE ("key"), CONSTRAINT "notification_attempts" CHECK ("attempts" >= 0), CONSTRAINT "notification_sent" CHECK (("status" = 'SENT') = ("sent_at" IS NOT NULL)), CONSTRAINT "notification_recipient_type" CHECK ("recipient_type" IN ('SUPPLIER_CONTACT', 'PROGRAMME_MANAGER')), CONSTRAINT "notification_status" CHECK ("status" IN ('PENDING', 'SENDING', 'SENT', 'FAILED')), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7ed187e2d2549d2f5bcbd5f0f9" ON "notification"  ("programme_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9830357f52360a126737d498e6" ON "notification"  ("recipient_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_49ba6a19ef1b3e60d6871e7a69" ON "notification"  ("kind", "subject_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_29cd33d0780344db630c91dcf0" ON "notification"  ("status", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_29cd33d0780344db630c91dcf0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_49ba6a19ef1b3e60d6871e7a69"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9830357f52360a126737d498e6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7ed187e2d2549d2f5bcbd5f0f9"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_93e2b709c1f1661bdc08220a83"`);
    await queryRunner.query(`DROP TABLE "development_outbox_message"`);
  }
}
