import { MigrationInterface, QueryRunner } from 'typeorm';

/** The run building a report, so only that run may finish it (two overlapping runs of a build). */
export class ReportRunId1795663514002 implements MigrationInterface {
  name = 'ReportRunId1795663514002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report" ADD "run_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "run_id"`);
  }
}
