import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@la-tracker/domain/programmes';
import { AuditModule } from '@la-tracker/platform/audit';
import { NetworkRepository } from './network.repository';
import { NetworksService } from './networks.service';

@Module({
  imports: [AuditModule, ProgrammesModule],
  providers: [NetworkRepository, NetworksService],
  exports: [NetworksService],
})
export class NetworksModule {}
