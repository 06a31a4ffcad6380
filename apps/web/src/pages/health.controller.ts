import { Controller, Get } from '@nestjs/common';

/** Liveness for the launcher and the platform: the web app keeps no state, so serving is being alive. */
@Controller('health')
export class HealthController {
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }
}
