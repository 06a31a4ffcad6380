import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { InspectionImportRequestService } from '@la-tracker/domain/inspections';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toConnection } from '../graphql/connection.model';
import { InspectionImportArgs, InspectionImportsArgs } from './inspection-import.args';
import {
  InspectionImportConnection,
  InspectionImportModel,
  toInspectionImportModel,
} from './inspection-import.model';

@Resolver(() => InspectionImportModel)
export class InspectionImportResolver {
  constructor(
    @Inject(InspectionImportRequestService)
    private readonly service: InspectionImportRequestService,
  ) {}

  @Query(() => InspectionImportModel, {
    description: 'An import of an Ofsted file, with its progress (programme managers and admins).',
  })
  async inspectionImport(
    @CurrentCaller() caller: Caller,
    @Args() args: InspectionImportArgs,
  ): Promise<InspectionImportModel> {
    return toInspectionImportModel(await this.service.get(caller, args.id));
  }

  @Query(() => InspectionImportConnection, {
    description: 'Imports of Ofsted files, newest first (programme managers and admins).',
  })
  async inspectionImports(@CurrentCaller() caller: Caller, @Args() args: InspectionImportsArgs) {
    const page = await this.service.list(caller, args);
    return toConnection({
      ...page,
      edges: page.edges.map((edge) => ({ ...edge, node: toInspectionImportModel(edge.node) })),
    });
  }
}
