import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ExtractRepository,
  MiPackRepository,
  miPackSheets,
  ReportsModule,
  ReportsService,
  workbookOf,
  type MiPackData,
  type ReportRecord,
} from '@la-tracker/domain/reports';
import { entities, migrations } from '@la-tracker/migrations';
import {
  ConfigModule,
  loadConfig,
  readEnvironment,
  type AppConfig,
} from '@la-tracker/platform/config';
import { DatabaseModule } from '@la-tracker/platform/database';
import { ProgressWriter, QueueModule } from '@la-tracker/platform/queue';
import { FileStorage, StorageModule } from '@la-tracker/platform/storage';
import { ClockModule } from '@la-tracker/platform/time';
import { peakRssKbOf } from './job-figures';

/**
 * One report built in a process of its own, so the peak resident set size it prints is the
 * report's: the worker's reports service, its queries and writers, storing into FILE_STORAGE_DIR.
 * Nothing is written to the database (the report's own row is left out), so it may run on a
 * database opened read-only. Prints one line of JSON.
 */
export type ReportBuildKind = 'MONTHLY_MI' | 'SESSIONS_EXTRACT';

export interface ReportBuildRequest {
  kind: ReportBuildKind;
  programmeId: string;
  financialYear: string;
}

export interface ReportBuildResult {
  kind: ReportBuildKind;
  financialYear: string;
  rows: number;
  byteSize: number;
  elapsedMs: number;
  /** Resident set size once the application was up, before the build. */
  startRssKb: number;
  peakRssKb: number;
}

/** What the worker's module gives the reports service, without the queues' workers. */
@Module({})
class ReportBuildModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ReportBuildModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot({ entities, migrations, applicationName: 'la-bench-report' }),
        QueueModule.forRoot(config),
        StorageModule.forRoot(config),
        ReportsModule,
      ],
    };
  }
}

/**
 * The build steps `ReportsService.build` runs between starting and finishing the report's row:
 * called directly, so the row (a write) is not needed.
 */
interface BuildSteps {
  miPackData(
    record: Pick<ReportRecord, 'programmeId' | 'financialYear'>,
    programme: { id: string; name: string },
    progress: ProgressWriter<number>,
  ): Promise<MiPackData>;
  buildExtract(
    record: Pick<ReportRecord, 'programmeId' | 'financialYear' | 'format'>,
    kind: 'SESSIONS_EXTRACT',
    storageKey: string,
    progress: ProgressWriter<number>,
  ): Promise<number>;
}

function currentRssKb(): number {
  return Math.round(process.memoryUsage.rss() / 1024);
}

function peakRssKb(): number {
  const fromProc = peakRssKbOf(readFileSync('/proc/self/status', 'utf8'));
  return fromProc ?? process.resourceUsage().maxRSS;
}

async function build(request: ReportBuildRequest): Promise<ReportBuildResult> {
  const config = loadConfig(readEnvironment());
  const app = await NestFactory.createApplicationContext(ReportBuildModule.forRoot(config), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const service = app.get(ReportsService);
    const steps = service as unknown as BuildSteps;
    const storage = app.get(FileStorage);
    const progress = new ProgressWriter<number>(
      () => Promise.resolve(),
      () => undefined,
      (percent) => percent,
    );
    const record = { ...request, format: 'XLSX' as const };
    const storageKey = `bench/${request.kind.toLowerCase()}-${request.financialYear}.xlsx`;
    const startRssKb = currentRssKb();
    const started = performance.now();
    let rows: number;
    let byteSize: number;
    if (request.kind === 'MONTHLY_MI') {
      const programme = await app.get(MiPackRepository).programme(request.programmeId);
      if (!programme) throw new Error(`No programme ${request.programmeId}`);
      const sheets = miPackSheets(await steps.miPackData(record, programme, progress));
      const file = workbookOf(sheets, 'XLSX');
      await storage.put(storageKey, file);
      rows = sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
      byteSize = file.length;
    } else {
      rows = await app
        .get(ExtractRepository)
        .count(request.kind, request.programmeId, request.financialYear);
      byteSize = await steps.buildExtract(record, request.kind, storageKey, progress);
    }
    await progress.close();
    const elapsedMs = Math.round(performance.now() - started);
    return {
      kind: request.kind,
      financialYear: request.financialYear,
      rows,
      byteSize,
      elapsedMs,
      startRssKb,
      peakRssKb: peakRssKb(),
    };
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  build(JSON.parse(process.argv[2] ?? '{}') as ReportBuildRequest).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
