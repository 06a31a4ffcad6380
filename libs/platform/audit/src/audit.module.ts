import { Global, Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { AuditWriter } from './audit-writer';

@Global()
@Module({ providers: [AuditWriter, AuditLogService], exports: [AuditWriter, AuditLogService] })
export class AuditModule {}
