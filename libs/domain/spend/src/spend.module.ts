import { Module } from '@nestjs/common';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { SpendRepository } from './spend.repository';
import { SpendService } from './spend.service';

@Module({
  imports: [LocalAuthoritiesModule],
  providers: [SpendRepository, SpendService],
  exports: [SpendService],
})
export class SpendModule {}
