import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ReportsService, type Report } from '@la-tracker/domain/reports';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toConnection } from '../graphql/connection.model';
import type { GraphQLContext } from '../graphql/graphql-context';
import { ProgrammeModel } from '../programmes/programme.model';
import { ReportArgs, ReportsArgs, RequestReportInput } from './report.input';
import { ReportConnection, ReportModel } from './report.model';

@Resolver(() => ReportModel)
export class ReportsResolver {
  constructor(@Inject(ReportsService) private readonly service: ReportsService) {}

  @Mutation(() => ReportModel, {
    description:
      'Queues a report of a programme’s year for the worker to build (the programme’s managers and admins).',
  })
  requestReport(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RequestReportInput,
  ): Promise<Report> {
    return this.service.request(caller, input);
  }

  @Query(() => ReportModel, {
    description: 'A report, with its progress and, once built, a download link.',
  })
  report(@CurrentCaller() caller: Caller, @Args() args: ReportArgs): Promise<Report> {
    return this.service.get(caller, args.id);
  }

  @Query(() => ReportConnection, { description: 'A programme’s reports, newest first.' })
  async reports(@CurrentCaller() caller: Caller, @Args() args: ReportsArgs) {
    return toConnection(await this.service.list(caller, args.filter.programmeId, args));
  }

  @ResolveField(() => ProgrammeModel)
  programme(@Parent() report: Report, @Context() context: GraphQLContext) {
    return context.loaders.programmes.programmeById.load(report.programmeId);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Once DONE, a link to download the file (relative to the API’s address), good for ten minutes; ask again for a fresh one.',
  })
  downloadUrl(@Parent() report: Report): string | null {
    // Only reports the caller was given reach here: `report` and `reports` checked they may read them.
    return this.service.downloadUrlOf(report);
  }
}
