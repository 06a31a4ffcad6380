import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionSupplierReference1795649354952 implements MigrationInterface {
  name = 'SessionSupplierReference1795649354952';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delivery_session" ADD "supplier_reference" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2d1281d950bcd9d0aa165e510b" ON "delivery_session"  ("supplier_id", "supplier_reference") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_2d1281d950bcd9d0aa165e510b"`);
    await queryRunner.query(`ALTER TABLE "delivery_session" DROP COLUMN "supplier_reference"`);
  }
}
