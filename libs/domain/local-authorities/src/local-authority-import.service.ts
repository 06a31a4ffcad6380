import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { AuditWriter } from '@la-tracker/platform/audit';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { DataSource, type EntityManager } from 'typeorm';
import { planLocalAuthorityChanges, type FieldChange } from './local-authority-change.rules';
import { parseLocalAuthorityFile } from './local-authority-file.parser';
import { LocalAuthorityAlias } from './local-authority-alias.entity';
import { LocalAuthorityEarlierCode } from './local-authority-earlier-code.entity';
import { normaliseLocalAuthorityName } from './local-authority-name.rules';
import { LocalAuthorityRepository } from './local-authority.repository';
import { LocalAuthoritySuccession } from './local-authority-succession.entity';
import { LocalAuthority } from './local-authority.entity';
import { Region } from './region.entity';

export interface LocalAuthorityImportSummary {
  dryRun: boolean;
  created: Array<{ gssCode: string; name: string }>;
  updated: Array<{ gssCode: string; changes: FieldChange[]; addedEarlierGssCodes: string[] }>;
  successionsAdded: Array<{
    predecessorGssCode: string;
    successorGssCode: string;
    effectiveOn: string;
  }>;
  unchanged: number;
}

export interface ReferenceDataSummary {
  regions: { created: number; updated: number };
  localAuthorities: LocalAuthorityImportSummary;
  aliases: { created: number; updated: number };
}

const DATA_DIR = join(__dirname, 'data');

function readCsv(name: string): Array<Record<string, string>> {
  return parse(readFileSync(join(DATA_DIR, name), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
}

/**
 * Loads effective-dated changes to local authorities, and the reference data the product ships.
 * Each load is one transaction: a file with any problem changes nothing.
 */
@Injectable()
export class LocalAuthorityImportService {
  private readonly logger = new Logger(LocalAuthorityImportService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LocalAuthorityRepository) private readonly repository: LocalAuthorityRepository,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
  ) {}

  /** Loads a file in the layout of `local-authorities.csv`. */
  importFile(
    text: string,
    options: { dryRun?: boolean } = {},
  ): Promise<LocalAuthorityImportSummary> {
    const rows = parseLocalAuthorityFile(text);
    return this.dataSource
      .transaction(async (manager) => {
        const summary = await this.apply(manager, rows, options.dryRun ?? false);
        if (summary.dryRun) {
          // Nothing a dry run did may stay: roll it back by failing the transaction on purpose.
          throw new DryRunRollback(summary);
        }
        return summary;
      })
      .catch((error: unknown) => {
        if (error instanceof DryRunRollback) return error.summary;
        throw error;
      });
  }

  /** The regions, LAs and aliases the product ships with. Running it again changes nothing. */
  seedReferenceData(): Promise<ReferenceDataSummary> {
    return this.dataSource.transaction(async (manager) => {
      const regions = await this.seedRegions(manager);
      const rows = parseLocalAuthorityFile(
        readFileSync(join(DATA_DIR, 'local-authorities.csv'), 'utf8'),
      );
      const localAuthorities = await this.apply(manager, rows, false);
      const aliases = await this.seedAliases(manager);
      return { regions, localAuthorities, aliases };
    });
  }

  private async apply(
    manager: EntityManager,
    rows: ReturnType<typeof parseLocalAuthorityFile>,
    dryRun: boolean,
  ): Promise<LocalAuthorityImportSummary> {
    // One import at a time, so two files cannot each plan against a state the other is changing.
    await manager.query('LOCK TABLE local_authority IN SHARE ROW EXCLUSIVE MODE');
    const regionCodes = new Set(
      (await manager.getRepository(Region).find()).map((region) => region.code),
    );
    const plan = planLocalAuthorityChanges(await this.repository.known(manager), regionCodes, rows);
    if (plan.problems.length > 0) {
      throw new BadUserInputError(
        `The file was not imported: ${plan.problems.length} problem(s).\n${plan.problems.join('\n')}`,
        plan.problems.map((message) => ({ field: 'file', message })),
      );
    }

    const las = manager.getRepository(LocalAuthority);
    for (const row of plan.creates) {
      await las.insert({
        gssCode: row.gssCode,
        dfeCode: row.dfeCode,
        name: row.name,
        regionCode: row.regionCode,
        type: row.type,
        validFrom: row.validFrom,
        validTo: row.validTo,
      });
    }
    for (const update of plan.updates) {
      if (update.changes.length > 0) {
        await las.update(
          update.id,
          Object.fromEntries(update.changes.map((change) => [change.field, change.after])),
        );
      }
    }
    const idByCode = new Map<string, string>();
    for (const la of await las.find()) idByCode.set(la.gssCode, la.id);
    for (const code of await manager.getRepository(LocalAuthorityEarlierCode).find()) {
      idByCode.set(code.gssCode, code.localAuthorityId);
    }
    const earlierCodes = [
      ...plan.updates.flatMap((update) =>
        update.addEarlierGssCodes.map((gssCode) => ({ gssCode, localAuthorityId: update.id })),
      ),
      ...plan.creates.flatMap((row) =>
        row.earlierGssCodes.map((gssCode) => ({
          gssCode,
          localAuthorityId: idByCode.get(row.gssCode) as string,
        })),
      ),
    ];
    if (earlierCodes.length > 0)
      await manager.getRepository(LocalAuthorityEarlierCode).insert(earlierCodes);
    if (plan.successions.length > 0) {
      await manager.getRepository(LocalAuthoritySuccession).insert(
        plan.successions.map((succession) => ({
          predecessorId: idByCode.get(succession.predecessorGssCode) as string,
          successorId: idByCode.get(succession.successorGssCode) as string,
          effectiveOn: succession.effectiveOn,
        })),
      );
    }

    await this.recordChanges(manager, plan, idByCode);

    const summary: LocalAuthorityImportSummary = {
      dryRun,
      created: plan.creates.map((row) => ({ gssCode: row.gssCode, name: row.name })),
      updated: plan.updates.map((update) => ({
        gssCode: update.gssCode,
        changes: update.changes,
        addedEarlierGssCodes: update.addEarlierGssCodes,
      })),
      successionsAdded: plan.successions,
      unchanged: plan.unchanged,
    };
    if (!dryRun) {
      this.logger.log(
        `Local authorities: ${summary.created.length} created, ${summary.updated.length} updated, ${summary.unchanged} unchanged`,
      );
    }
    return summary;
  }

  /** One audit event per LA created or changed, and per succession added (by the system). */
  private async recordChanges(
    manager: EntityManager,
    plan: ReturnType<typeof planLocalAuthorityChanges>,
    idByCode: ReadonlyMap<string, string>,
  ): Promise<void> {
    const record = (
      action: string,
      entityId: string,
      before: Record<string, unknown> | null,
      after: Record<string, unknown>,
    ) =>
      this.audit.record(manager, {
        actorUserId: null,
        action,
        entityType: 'local_authority',
        entityId,
        before,
        after,
        personalFields: [], // an LA's name is public, not personal
      });
    for (const row of plan.creates) {
      const { line, ...values } = row;
      await record('local-authority.create', idByCode.get(row.gssCode) as string, null, values);
    }
    for (const update of plan.updates) {
      if (update.changes.length === 0 && update.addEarlierGssCodes.length === 0) continue;
      const before = Object.fromEntries(
        update.changes.map((change) => [change.field, change.before]),
      );
      const after: Record<string, unknown> = Object.fromEntries(
        update.changes.map((change) => [change.field, change.after]),
      );
      if (update.addEarlierGssCodes.length > 0)
        after.addedEarlierGssCodes = update.addEarlierGssCodes;
      await record('local-authority.update', update.id, before, after);
    }
    for (const succession of plan.successions) {
      await record(
        'local-authority.succession.add',
        idByCode.get(succession.predecessorGssCode) as string,
        null,
        {
          successorId: idByCode.get(succession.successorGssCode),
          successorGssCode: succession.successorGssCode,
          effectiveOn: succession.effectiveOn,
        },
      );
    }
  }

  private async seedRegions(manager: EntityManager): Promise<{ created: number; updated: number }> {
    const repository = manager.getRepository(Region);
    const existing = new Map((await repository.find()).map((region) => [region.code, region]));
    let created = 0;
    let updated = 0;
    for (const record of readCsv('regions.csv')) {
      const region = {
        code: record.region_code,
        name: record.name,
        improvementAlliance: record.improvement_alliance,
      };
      const known = existing.get(region.code);
      if (!known) {
        await repository.insert(region);
        created += 1;
      } else if (
        known.name !== region.name ||
        known.improvementAlliance !== region.improvementAlliance
      ) {
        await repository.update(region.code, region);
        updated += 1;
      }
    }
    return { created, updated };
  }

  private async seedAliases(manager: EntityManager): Promise<{ created: number; updated: number }> {
    const repository = manager.getRepository(LocalAuthorityAlias);
    const idByDfe = new Map(
      (await manager.getRepository(LocalAuthority).find()).map((la) => [la.dfeCode, la.id]),
    );
    const existing = new Map(
      (await this.repository.aliases(manager)).map((alias) => [alias.normalisedName, alias]),
    );
    let created = 0;
    let updated = 0;
    for (const record of readCsv('la-name-aliases.csv')) {
      const localAuthorityId = idByDfe.get(record.dfe_code);
      if (!localAuthorityId) {
        throw new Error(`la-name-aliases.csv names DfE code ${record.dfe_code}, which no LA has`);
      }
      const alias = {
        normalisedName: normaliseLocalAuthorityName(record.alias),
        name: record.alias,
        localAuthorityId,
        source: record.seen_in,
      };
      const known = existing.get(alias.normalisedName);
      if (!known) {
        await repository.insert(alias);
        created += 1;
      } else if (
        known.localAuthorityId !== localAuthorityId ||
        known.name !== alias.name ||
        known.source !== alias.source
      ) {
        await repository.update(alias.normalisedName, alias);
        updated += 1;
      }
    }
    return { created, updated };
  }
}

class DryRunRollback extends Error {
  constructor(readonly summary: LocalAuthorityImportSummary) {
    super('dry run');
  }
}
