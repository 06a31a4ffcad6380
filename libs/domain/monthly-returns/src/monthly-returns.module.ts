import { Module } from '@nestjs/common';
import { AuditModule } from '@la-tracker/platform/audit';
import { MonthlyReturnRepository } from './monthly-return.repository';
import { MonthlyReturnsService } from './monthly-returns.service';

@Module({
  imports: [AuditModule],
  providers: [MonthlyReturnRepository, MonthlyReturnsService],
  exports: [MonthlyReturnsService],
})
export class MonthlyReturnsModule {}
