import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { ReadinessService } from '@la-tracker/platform/observability';
import type { Response } from 'express';

@Controller('health')
export class HealthController {
  constructor(@Inject(ReadinessService) private readonly readiness: ReadinessService) {}

  /** Liveness: the process is up and serving HTTP. */
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Redis answer and the schema is current; 503 when not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    const report = await this.readiness.check();
    res.status(report.httpStatus);
    return report.body;
  }
}
