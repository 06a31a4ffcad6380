import { Inject, Injectable } from '@nestjs/common';
import { financialYearBounds, financialYearOf, isFinancialYear } from '@la-tracker/domain/calendar';
import { REGION_CODE } from '@la-tracker/domain/local-authorities';
import {
  DEFAULT_PROGRAMME,
  mayChangeProgramme,
  ProgrammesService,
} from '@la-tracker/domain/programmes';
import { AuditWriter } from '@la-tracker/platform/audit';
import { supplierIdsOf, type Caller } from '@la-tracker/platform/auth';
import {
  decodeCursor,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import { BadUserInputError, NotFoundError, type FieldProblem } from '@la-tracker/platform/errors';
import { Clock, isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import { DataSource, type EntityManager } from 'typeorm';
import { coverageRegionsFor, meetingScopeOf, networkRegionsFor } from './network-access.rules';
import { LeadMemberNetwork, NetworkMeeting, NetworkMeetingAttendance } from './network.entity';
import { NetworkRepository } from './network.repository';
import {
  attendanceProblems,
  coverageOf,
  meetingProblems,
  normalisedCode,
  type RegionCoverage,
} from './network.rules';

export interface RecordNetworkMeetingInput {
  networkId: string;
  heldOn: IsoDate;
  topics: readonly string[];
  /** ONS code, earlier ONS code or DfE code of each LA that attended. */
  attendingLocalAuthorityCodes: readonly string[];
}

export interface NetworkMeetingFilter {
  programmeId?: string | null;
  networkId?: string | null;
  regionCode?: string | null;
  financialYear?: string | null;
  from?: IsoDate | null;
  to?: IsoDate | null;
}

/**
 * Regional Lead Member networks (SPEC §5.8, lot 3): one per region per programme, their meetings
 * and each region's coverage in a year. A meeting is recorded by the supplier holding a Lead
 * Member networks contract of the programme in force on its date (its own meetings), or by the
 * programme's managers and admins; each meeting and its attendance are one audited transaction.
 */
@Injectable()
export class NetworksService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(NetworkRepository) private readonly repository: NetworkRepository,
    @Inject(ProgrammesService) private readonly programmes: ProgrammesService,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** A programme's networks the caller may read; NOT_FOUND for a programme they cannot see. */
  async networksOf(caller: Caller, programmeId: string): Promise<LeadMemberNetwork[]> {
    await this.programmes.get(caller, programmeId);
    return this.repository.networksOf(programmeId, networkRegionsFor(caller, programmeId));
  }

  /** For each id, the network (the programme's structure, read as its meetings are). */
  async networksByIds(ids: readonly string[]): Promise<Array<LeadMemberNetwork | undefined>> {
    const found = await this.repository.networksByIds(ids.filter(isUuid));
    return ids.map((id) => found.find((network) => network.id === id));
  }

  async list(
    caller: Caller,
    filter: NetworkMeetingFilter,
    request: PageRequest,
  ): Promise<Page<NetworkMeeting>> {
    const problems: FieldProblem[] = [];
    for (const field of ['programmeId', 'networkId'] as const) {
      const id = filter[field];
      if (id && !isUuid(id)) problems.push({ field: `filter.${field}`, message: 'is not an id' });
    }
    if (filter.regionCode && !REGION_CODE.test(filter.regionCode))
      problems.push({
        field: 'filter.regionCode',
        message: 'must be a region code like E12000001',
      });
    if (filter.financialYear && !isFinancialYear(filter.financialYear))
      problems.push({ field: 'filter.financialYear', message: 'must be written like 2022-23' });
    for (const field of ['from', 'to'] as const) {
      const date = filter[field];
      if (date && !isIsoDate(date))
        problems.push({ field: `filter.${field}`, message: 'must be a date (YYYY-MM-DD)' });
    }
    this.check(problems);
    const limit = pageSize(request.first);
    const after = request.after
      ? (decodeCursor(request.after, [isIsoDate, isUuid]) as [string, string])
      : undefined;
    const scope = meetingScopeOf(caller);
    const query = {
      programmeId: filter.programmeId ?? undefined,
      networkId: filter.networkId ?? undefined,
      regionCode: filter.regionCode ?? undefined,
      financialYear: filter.financialYear ?? undefined,
      from: filter.from ?? undefined,
      to: filter.to ?? undefined,
    };
    const [rows, totalCount] = await Promise.all([
      this.repository.page(scope, query, limit + 1, after),
      this.repository.count(scope, query),
    ]);
    return toPage(rows, limit, totalCount, request.after, (m) => [m.heldOn, m.id]);
  }

  /** For each meeting, the ids of the LAs that attended, by name. */
  async attendanceOf(meetingIds: readonly string[]): Promise<string[][]> {
    const rows = await this.repository.attendanceOf(meetingIds);
    return meetingIds.map((id) =>
      rows.filter((row) => row.meetingId === id).map((row) => row.localAuthorityId),
    );
  }

  /**
   * Each region's share of its LAs (those existing on any day of the year) that attended its
   * network at least once in the year; advisers see their own regions.
   */
  async coverage(
    caller: Caller,
    programmeId: string,
    financialYear: string,
  ): Promise<RegionCoverage[]> {
    if (!isFinancialYear(financialYear))
      this.check([{ field: 'financialYear', message: 'must be written like 2022-23' }]);
    const networks = await this.networksOf(caller, programmeId);
    const regions = coverageRegionsFor(caller, programmeId);
    const { startsOn, endsOn } = financialYearBounds(financialYear);
    const [active, attended] = await Promise.all([
      this.repository.activeLocalAuthorities(startsOn, endsOn),
      this.repository.attendedLocalAuthorities(programmeId, financialYear),
    ]);
    return networks
      .filter((network) => !regions || regions.includes(network.regionCode))
      .map(({ regionCode }) =>
        coverageOf(
          regionCode,
          active.filter((la) => la.regionCode === regionCode).map((la) => la.id),
          attended.filter((la) => la.regionCode === regionCode).map((la) => la.id),
        ),
      );
  }

  async recordMeeting(caller: Caller, input: RecordNetworkMeetingInput): Promise<NetworkMeeting> {
    this.check([
      ...(isUuid(input.networkId) ? [] : [{ field: 'networkId', message: 'is not an id' }]),
      ...meetingProblems(input, this.clock.today()),
    ]);
    return this.dataSource.transaction(async (manager) => {
      const found = await this.repository.networkWithRegion(manager, input.networkId);
      if (!found) throw new NotFoundError('Lead Member network', input.networkId);
      const { network, regionName } = found;
      const contract = await this.deliveringContract(manager, caller, network, input.heldOn);
      const codes = input.attendingLocalAuthorityCodes.map(normalisedCode);
      const las = await this.repository.localAuthoritiesByCode(manager, codes);
      const attending = codes.map((code) => las.find((la) => la.codes.includes(code)));
      this.check(
        attendanceProblems(
          codes,
          attending,
          { regionCode: network.regionCode, regionName },
          input.heldOn,
        ),
      );
      const meetings = manager.getRepository(NetworkMeeting);
      const meeting = meetings.create({
        networkId: network.id,
        programmeId: network.programmeId,
        regionCode: network.regionCode,
        contractId: contract?.id ?? null,
        supplierId: contract?.supplierId ?? null,
        heldOn: input.heldOn,
        financialYear: financialYearOf(input.heldOn),
        topics: input.topics.map((topic) => topic.trim()),
        recordedByUserId: caller.userId,
      });
      await meetings.insert(meeting);
      const localAuthorityIds = attending.map((la) => la!.id);
      await manager.getRepository(NetworkMeetingAttendance).insert(
        localAuthorityIds.map((localAuthorityId) => ({
          meetingId: meeting.id,
          localAuthorityId,
        })),
      );
      const saved = await meetings.findOneByOrFail({ id: meeting.id });
      const { recordedAt: _at, ...values } = saved;
      await this.audit.record(manager, {
        actorUserId: caller.userId,
        action: 'network.meeting.record',
        entityType: 'network_meeting',
        entityId: saved.id,
        programmeId: saved.programmeId,
        before: null,
        after: { ...values, localAuthorityIds },
        personalFields: [],
      });
      return saved;
    });
  }

  /** Makes the default programme's nine networks if they are missing; the number made. */
  async seedDefaultNetworks(): Promise<{ created: number }> {
    return this.dataSource.transaction(async (manager) => {
      const made = await this.repository.insertMissingNetworks(manager, DEFAULT_PROGRAMME.id);
      for (const network of made)
        await this.audit.record(manager, {
          actorUserId: null,
          action: 'network.create',
          entityType: 'lead_member_network',
          entityId: network.id,
          programmeId: DEFAULT_PROGRAMME.id,
          before: null,
          after: { ...network, programmeId: DEFAULT_PROGRAMME.id },
          personalFields: [],
        });
      return { created: made.length };
    });
  }

  /**
   * The contract a meeting is recorded under: a supplier's own Lead Member networks contract in
   * force on the day (NOT_FOUND for a supplier with none in the programme, as for a record of
   * someone else's); none when the programme's managers or an admin record it.
   */
  private async deliveringContract(
    manager: EntityManager,
    caller: Caller,
    network: LeadMemberNetwork,
    heldOn: IsoDate,
  ): Promise<{ id: string; supplierId: string } | null> {
    if (mayChangeProgramme(caller, network.programmeId)) return null;
    const contracts = await this.repository.networkContracts(
      manager,
      network.programmeId,
      supplierIdsOf(caller),
    );
    if (contracts.length === 0) throw new NotFoundError('Lead Member network', network.id);
    const inForce = contracts.find((c) => c.startsOn <= heldOn && heldOn <= c.endsOn);
    if (!inForce)
      this.check([
        {
          field: 'heldOn',
          message: `must fall within your Lead Member networks contract (${contracts
            .map((c) => `${c.startsOn} to ${c.endsOn}`)
            .join(', ')})`,
        },
      ]);
    return inForce!;
  }

  private check(problems: FieldProblem[]): void {
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
  }
}
