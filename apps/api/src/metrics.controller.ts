import { Controller, Get, Inject, Res } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { Response } from 'express';

/** Prometheus metrics of this process, for scraping. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(Registry) private readonly registry: Registry) {}

  @Get()
  async metrics(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('content-type', this.registry.contentType);
    return this.registry.metrics();
  }
}
