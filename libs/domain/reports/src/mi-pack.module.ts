import { Module } from '@nestjs/common';
import { MiPackRepository } from './mi-pack.repository';

/** The pack's set-based queries, shared by the reports and the programme dashboard. */
@Module({
  providers: [MiPackRepository],
  exports: [MiPackRepository],
})
export class MiPackModule {}
