import { Inject, Injectable } from '@nestjs/common';
import {
  anyText,
  decodeCursor,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import { BadUserInputError, NotFoundError, type FieldProblem } from '@la-tracker/platform/errors';
import { Clock, type IsoDate } from '@la-tracker/platform/time';
import { LocalAuthorityRepository } from './local-authority.repository';
import { kindOfCode, REGION_CODE } from './local-authority.rules';
import type { LocalAuthority } from './local-authority.entity';
import type { Region } from './region.entity';

export interface LocalAuthorityFilter {
  regionCode?: string | null;
  search?: string | null;
  /** Defaults to today in England. */
  activeOn?: IsoDate | null;
}

const MAX_SEARCH_LENGTH = 100;

function groupBy<T>(keys: readonly string[], pairs: Array<{ key: string; la: T }>): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const pair of pairs) groups.get(pair.key)?.push(pair.la);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Reads England's local authorities as they were on any date. Reference data: public to all. */
@Injectable()
export class LocalAuthoritiesService {
  constructor(
    @Inject(LocalAuthorityRepository) private readonly repository: LocalAuthorityRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  regions(): Promise<Region[]> {
    return this.repository.regions();
  }

  async list(filter: LocalAuthorityFilter, request: PageRequest): Promise<Page<LocalAuthority>> {
    const problems: FieldProblem[] = [];
    if (filter.regionCode && !REGION_CODE.test(filter.regionCode)) {
      problems.push({
        field: 'filter.regionCode',
        message: 'must be a region code like E12000001',
      });
    }
    if (filter.search && filter.search.length > MAX_SEARCH_LENGTH) {
      problems.push({
        field: 'filter.search',
        message: `must be at most ${MAX_SEARCH_LENGTH} characters`,
      });
    }
    if (problems.length > 0) throw BadUserInputError.forFields(problems);

    const limit = pageSize(request.first);
    const after = request.after
      ? (decodeCursor(request.after, [anyText, isUuid]) as [string, string])
      : undefined;
    const query = {
      regionCode: filter.regionCode ?? undefined,
      search: filter.search?.trim() || undefined,
      activeOn: filter.activeOn ?? this.clock.today(),
    };
    const [rows, totalCount] = await Promise.all([
      this.repository.page(query, limit + 1, after),
      this.repository.count(query),
    ]);
    return toPage(rows, limit, totalCount, request.after, (la) => [la.name, la.id]);
  }

  /** By current ONS code, an earlier ONS code, or DfE code. */
  async get(code: string): Promise<LocalAuthority> {
    const normalised = code.trim().toUpperCase();
    if (!kindOfCode(normalised)) {
      throw BadUserInputError.forFields([
        {
          field: 'code',
          message: 'must be an ONS code like E08000035 or a 3-digit DfE code like 383',
        },
      ]);
    }
    const la = await this.repository.findByCode(normalised);
    if (!la) throw new NotFoundError('Local authority', code);
    return la;
  }

  /** For each LA id, the LAs it replaced (batched: one query for any number of LAs). */
  async predecessorsOf(ids: readonly string[]): Promise<LocalAuthority[][]> {
    return groupBy(ids, await this.repository.predecessorsOf(ids));
  }

  /** For each LA id, the LAs that replaced it. */
  async successorsOf(ids: readonly string[]): Promise<LocalAuthority[][]> {
    return groupBy(ids, await this.repository.successorsOf(ids));
  }

  async earlierGssCodesOf(ids: readonly string[]): Promise<string[][]> {
    const rows = await this.repository.earlierCodesOf(ids);
    return groupBy(
      ids,
      rows.map((row) => ({ key: row.localAuthorityId, la: row.gssCode })),
    );
  }

  /** For each region code, its LAs active on the date (today in England by default). */
  /** For each id, its LA (undefined for an id no LA has): one statement. */
  async findByIds(ids: readonly string[]): Promise<Array<LocalAuthority | undefined>> {
    const las = new Map((await this.repository.findByIds(ids)).map((la) => [la.id, la]));
    return ids.map((id) => las.get(id));
  }

  /** Every LA that existed on the date (today in England by default), by name: one statement. */
  allActiveOn(date?: IsoDate | null): Promise<LocalAuthority[]> {
    return this.repository.allActiveOn(date ?? this.clock.today());
  }

  async inRegions(
    regionCodes: readonly string[],
    activeOn?: IsoDate | null,
  ): Promise<LocalAuthority[][]> {
    const date = activeOn ?? this.clock.today();
    const las = await this.repository.inRegions(regionCodes, date);
    return groupBy(
      regionCodes,
      las.map((la) => ({ key: la.regionCode, la })),
    );
  }
}
