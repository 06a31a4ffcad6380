import { Module } from '@nestjs/common';
import { EngagementsModule } from '@la-tracker/domain/engagements';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { ProgrammesModule } from '@la-tracker/domain/programmes';
import { AuditModule } from '@la-tracker/platform/audit';
import { DiagnosticRepository } from './diagnostic.repository';
import { DiagnosticsService } from './diagnostics.service';

@Module({
  imports: [AuditModule, LocalAuthoritiesModule, EngagementsModule, ProgrammesModule],
  providers: [DiagnosticRepository, DiagnosticsService],
  exports: [DiagnosticsService],
})
export class DiagnosticsModule {}
