import { diagnosticEntities } from '@la-tracker/domain/diagnostics';
import { coachingEntities } from '@la-tracker/domain/coaching';
import { engagementEntities } from '@la-tracker/domain/engagements';
import { identityEntities } from '@la-tracker/domain/identity';
import { inspectionEntities } from '@la-tracker/domain/inspections';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { monthlyReturnEntities } from '@la-tracker/domain/monthly-returns';
import { participantEntities } from '@la-tracker/domain/participants';
import { networkEntities } from '@la-tracker/domain/networks';
import { programmeEntities } from '@la-tracker/domain/programmes';
import { reportEntities } from '@la-tracker/domain/reports';
import { sessionEntities } from '@la-tracker/domain/sessions';
import { spendEntities } from '@la-tracker/domain/spend';
import { notificationEntities } from '@la-tracker/domain/notifications';
import { AuditEvent } from '@la-tracker/platform/audit';
import { OutboxJob } from '@la-tracker/platform/queue';
import type { MigrationInterface } from 'typeorm';
import { LocalAuthorities1795629976133 } from './1795629976133-LocalAuthorities';
import { IdentityAndAudit1795631695966 } from './1795631695966-IdentityAndAudit';
import { OutboxJob1795631935000 } from './1795631935000-OutboxJob';
import { Inspections1795634585584 } from './1795634585584-Inspections';
import { ProgrammesAndEngagements1795638121351 } from './1795638121351-ProgrammesAndEngagements';
import { InspectionImportRequests1795638329843 } from './1795638329843-InspectionImportRequests';
import { MonthlyReturns1795642259471 } from './1795642259471-MonthlyReturns';
import { DeliverySessions1795643000000 } from './1795643000000-DeliverySessions';
import { SessionSupplierReference1795649354952 } from './1795649354952-SessionSupplierReference';
import { Participants1795649366043 } from './1795649366043-Participants';
import { CoachingAllocations1795649466931 } from './1795649466931-CoachingAllocations';
import { Diagnostics1795649632993 } from './1795649632993-Diagnostics';
import { Notifications1795650974772 } from './1795650974772-Notifications';
import { LeadMemberNetworks1795651297178 } from './1795651297178-LeadMemberNetworks';
import { Reports1795660114324 } from './1795660114324-Reports';
import { ReportRunId1795663514002 } from './1795663514002-ReportRunId';
import { ApiTokens1795671756473 } from './1795671756473-ApiTokens';
import { SessionEngagementLatest1795695067695 } from './1795695067695-SessionEngagementLatest';
import { SessionChargeTotals1795696625077 } from './1795696625077-SessionChargeTotals';

/** Every entity the database holds: the schema the migrations below must produce. */
export const entities = [
  ...localAuthorityEntities,
  ...identityEntities,
  ...inspectionEntities,
  ...programmeEntities,
  ...engagementEntities,
  ...monthlyReturnEntities,
  ...sessionEntities,
  ...participantEntities,
  ...notificationEntities,
  AuditEvent,
  OutboxJob,
  ...diagnosticEntities,
  ...coachingEntities,
  ...networkEntities,
  ...reportEntities,
  ...spendEntities,
];

/** Every migration, oldest first. Append only: a migration that has landed is never edited. */
export const migrations: Array<new () => MigrationInterface> = [
  LocalAuthorities1795629976133,
  IdentityAndAudit1795631695966,
  OutboxJob1795631935000,
  Inspections1795634585584,
  ProgrammesAndEngagements1795638121351,
  InspectionImportRequests1795638329843,
  MonthlyReturns1795642259471,
  DeliverySessions1795643000000,
  SessionSupplierReference1795649354952,
  Participants1795649366043,
  CoachingAllocations1795649466931,
  Diagnostics1795649632993,
  Notifications1795650974772,
  LeadMemberNetworks1795651297178,
  Reports1795660114324,
  ReportRunId1795663514002,
  ApiTokens1795671756473,
  SessionEngagementLatest1795695067695,
  SessionChargeTotals1795696625077,
];
