import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiClient } from '../api/api-client';
import { onBehalfOf, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';

const PROGRAMMES = /* GraphQL */ `
  query Programmes {
    programmes {
      id
      name
      startsOn
      endsOn
      budget
    }
  }
`;

interface ProgrammeSummary {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  budget: string | null;
}

@Controller('programmes')
@UseGuards(SignedInGuard)
export class ProgrammesController {
  constructor(@Inject(ApiClient) private readonly api: ApiClient) {}

  @Get()
  async list(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { programmes } = await this.api.request<{ programmes: ProgrammeSummary[] }>(
      onBehalfOf(req),
      PROGRAMMES,
    );
    res.render('programmes/list', { title: 'Programmes', programmes });
  }
}
