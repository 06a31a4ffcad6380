import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { LocalAuthority } from '@la-tracker/domain/local-authorities';
import {
  NetworksService,
  type LeadMemberNetwork,
  type NetworkMeeting,
  type RegionCoverage,
} from '@la-tracker/domain/networks';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toConnection } from '../graphql/connection.model';
import type { GraphQLContext } from '../graphql/graphql-context';
import { LocalAuthorityModel } from '../local-authorities/local-authority.model';
import { RegionModel } from '../local-authorities/region.model';
import { SupplierModel } from '../programmes/supplier.model';
import { NetworkMeetingsArgs, RecordNetworkMeetingInput } from './network.input';
import {
  LeadMemberNetworkModel,
  NetworkCoverageModel,
  NetworkMeetingConnection,
  NetworkMeetingModel,
} from './network.model';

@Resolver(() => LeadMemberNetworkModel)
export class LeadMemberNetworksResolver {
  constructor(@Inject(NetworksService) private readonly service: NetworksService) {}

  @Query(() => [LeadMemberNetworkModel], {
    description:
      "A programme's regional Lead Member networks, one per region (advisers: their regions').",
  })
  leadMemberNetworks(
    @CurrentCaller() caller: Caller,
    @Args('programmeId', { type: () => ID }) programmeId: string,
  ): Promise<LeadMemberNetwork[]> {
    return this.service.networksOf(caller, programmeId);
  }

  @Query(() => [NetworkCoverageModel], {
    description:
      "Each region's share of its LAs that attended its network at least once in the financial year (advisers: their regions).",
  })
  networkCoverage(
    @CurrentCaller() caller: Caller,
    @Args('programmeId', { type: () => ID }) programmeId: string,
    @Args('financialYear') financialYear: string,
  ): Promise<RegionCoverage[]> {
    return this.service.coverage(caller, programmeId, financialYear);
  }

  @ResolveField(() => RegionModel, {
    description: 'Its region, with the improvement alliance the network is linked with.',
  })
  region(@Parent() network: LeadMemberNetwork, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.region.load(network.regionCode);
  }
}

@Resolver(() => NetworkCoverageModel)
export class NetworkCoverageResolver {
  @ResolveField(() => RegionModel)
  region(@Parent() coverage: RegionCoverage, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.region.load(coverage.regionCode);
  }
}

@Resolver(() => NetworkMeetingModel)
export class NetworkMeetingsResolver {
  constructor(@Inject(NetworksService) private readonly service: NetworksService) {}

  @Query(() => NetworkMeetingConnection, {
    description:
      "Network meetings the caller may see, the latest first: managers their programmes', suppliers their own, advisers their regions'.",
  })
  async networkMeetings(@CurrentCaller() caller: Caller, @Args() args: NetworkMeetingsArgs) {
    return toConnection(await this.service.list(caller, args.filter ?? {}, args));
  }

  @Mutation(() => NetworkMeetingModel, {
    description:
      "Record a network meeting: by the supplier holding the programme's Lead Member networks contract on its date, or by the programme's managers and admins.",
  })
  recordNetworkMeeting(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RecordNetworkMeetingInput,
  ): Promise<NetworkMeeting> {
    return this.service.recordMeeting(caller, input);
  }

  @ResolveField(() => LeadMemberNetworkModel)
  async network(@Parent() meeting: NetworkMeeting, @Context() context: GraphQLContext) {
    return context.loaders.networks.byId.load(meeting.networkId);
  }

  @ResolveField(() => [LocalAuthorityModel], { description: 'The LAs that attended, by name.' })
  async attendingLocalAuthorities(
    @Parent() meeting: NetworkMeeting,
    @Context() context: GraphQLContext,
  ): Promise<LocalAuthority[]> {
    const ids = await context.loaders.networks.attendance.load(meeting.id);
    const las = await context.loaders.localAuthorities.byId.loadMany(ids);
    return las.filter((la): la is LocalAuthority => la !== undefined && !(la instanceof Error));
  }

  @ResolveField(() => SupplierModel, {
    nullable: true,
    description: 'The supplier who delivered it; null when the programme recorded it.',
  })
  supplier(@Parent() meeting: NetworkMeeting, @Context() context: GraphQLContext) {
    return meeting.supplierId
      ? context.loaders.programmes.supplierById.load(meeting.supplierId)
      : null;
  }
}
