import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { DashboardModule } from '@la-tracker/domain/dashboard';
import { DiagnosticsModule } from '@la-tracker/domain/diagnostics';
import { CoachingModule } from '@la-tracker/domain/coaching';
import { EngagementsModule } from '@la-tracker/domain/engagements';
import { IdentityModule } from '@la-tracker/domain/identity';
import { InspectionImportRequestsModule, InspectionsModule } from '@la-tracker/domain/inspections';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { MonthlyReturnsModule } from '@la-tracker/domain/monthly-returns';
import { ParticipantsModule } from '@la-tracker/domain/participants';
import { NetworksModule } from '@la-tracker/domain/networks';
import { NotificationsReadModule } from '@la-tracker/domain/notifications';
import { ProgrammesModule } from '@la-tracker/domain/programmes';
import { ReportsModule } from '@la-tracker/domain/reports';
import { SessionsModule } from '@la-tracker/domain/sessions';
import { SpendModule } from '@la-tracker/domain/spend';
import { entities, migrations } from '@la-tracker/migrations';
import { AuditModule } from '@la-tracker/platform/audit';
import { ConfigModule, type AppConfig } from '@la-tracker/platform/config';
import { DatabaseModule } from '@la-tracker/platform/database';
import { LoggingModule } from '@la-tracker/platform/logging';
import {
  HealthModule,
  HttpMetricsModule,
  MetricsModule,
  QueueMetricsModule,
} from '@la-tracker/platform/observability';
import { QUEUES, QueueModule } from '@la-tracker/platform/queue';
import { StorageModule } from '@la-tracker/platform/storage';
import { ClockModule } from '@la-tracker/platform/time';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { PinoLogger } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { DateScalar } from './graphql/date.scalar';
import { signedInCaller, type CallerHolder, type GraphQLContext } from './graphql/graphql-context';
import { MoneyScalar } from './graphql/money.scalar';
import { errorLoggingPlugin } from './graphql/error-logging.plugin';
import { formatError } from './graphql/error-formatter';
import { TextInputPipe } from './graphql/text-input.pipe';
import { GraphQLExceptionFilter } from './graphql/graphql-exception.filter';
import { LoadersFactory } from './graphql/loaders';
import { inputValidationPipe } from './graphql/validation.pipe';
import { GraphQLLimitsModule, graphqlLimits } from './graphql/limits';
import { graphqlMetricsPlugin } from './graphql/metrics.plugin';
import { statementCountPlugin } from './graphql/statement-count.plugin';
import { MetricsController } from './metrics.controller';
import { SessionImportResolver } from './sessions/session-import.resolver';
import { SessionTemplatesController } from './sessions/session-templates.controller';
import { LocalAuthoritiesResolver } from './local-authorities/local-authorities.resolver';
import { RegionsResolver } from './local-authorities/regions.resolver';
import { HealthController } from './health.controller';
import { HttpProtectionModule } from './http/http-protection.module';
import { AuthGuard } from './auth/auth.guard';
import { ApiAuthModule } from './auth/auth.module';
import { QueueDashboardModule } from './admin/queue-dashboard.module';
import { MeResolver } from './identity/me.resolver';
import { LocalAuthorityInspectionsResolver } from './inspections/local-authority-inspections.resolver';
import {
  EligibilityResolver,
  LocalAuthorityEligibilityResolver,
} from './inspections/eligibility.resolver';
import { ManualRecordResolver } from './inspections/manual-record.resolver';
import { AuditEventsResolver } from './audit/audit-events.resolver';
import {
  EligibilityEngagementsResolver,
  EngagementsResolver,
  LocalAuthorityEngagementsResolver,
} from './engagements/engagements.resolver';
import { InspectionImportResolver } from './inspections/inspection-import.resolver';
import { ProgrammeManagerResolver } from './identity/programme-manager.resolver';
import { UsersResolver } from './identity/users.resolver';
import { ApiTokensResolver } from './identity/api-tokens.resolver';
import { ContractChangeResolver } from './programmes/contract-change.resolver';
import { ContractResolver } from './programmes/contract.resolver';
import { LotResolver } from './programmes/lot.resolver';
import { ProgrammeChangeResolver } from './programmes/programme-change.resolver';
import { ProgrammesResolver } from './programmes/programmes.resolver';
import { ServiceLineResolver } from './programmes/service-line.resolver';
import { SupplierChangeResolver } from './programmes/supplier-change.resolver';
import { SupplierResolver } from './programmes/supplier.resolver';
import { MonthlyReturnsResolver } from './monthly-returns/monthly-returns.resolver';
import {
  DeliverySessionsResolver,
  EngagementSessionsResolver,
  SessionAttendanceResolver,
  SessionCostShareResolver,
} from './sessions/sessions.resolver';
import {
  ContractSpendResolver,
  SpendByContractResolver,
  SpendByLocalAuthorityResolver,
  SpendByLotResolver,
  SpendBySupplierResolver,
  SpendResolver,
} from './spend/spend.resolver';
import {
  DiagnosticsResolver,
  EngagementDiagnosticResolver,
} from './diagnostics/diagnostics.resolver';
import {
  EngagementParticipantsResolver,
  ParticipantsResolver,
} from './participants/participants.resolver';
import { CoachingResolver, EngagementCoachingResolver } from './coaching/coaching.resolver';
import {
  LeadMemberNetworksResolver,
  NetworkCoverageResolver,
  NetworkMeetingsResolver,
} from './networks/networks.resolver';
import { NotificationsResolver } from './notifications/notifications.resolver';
import { ReportDownloadController } from './reports/report-download.controller';
import { ReportsResolver } from './reports/reports.resolver';
import { DashboardRegionResolver, DashboardResolver } from './dashboard/dashboard.resolver';

type Plugins = NonNullable<ApolloDriverConfig['plugins']>;

/** Domain modules the API serves; each brings the services its resolvers call. */
@Module({
  imports: [
    LocalAuthoritiesModule,
    IdentityModule,
    InspectionsModule,
    InspectionImportRequestsModule,
    ProgrammesModule,
    EngagementsModule,
    MonthlyReturnsModule,
    SessionsModule,
    SpendModule,
    DiagnosticsModule,
    ParticipantsModule,
    CoachingModule,
    NetworksModule,
    NotificationsReadModule,
    ReportsModule,
    DashboardModule,
  ],
  providers: [LoadersFactory],
  exports: [
    LoadersFactory,
    LocalAuthoritiesModule,
    IdentityModule,
    InspectionsModule,
    EngagementsModule,
    InspectionImportRequestsModule,
    ProgrammesModule,
    MonthlyReturnsModule,
    SessionsModule,
    SpendModule,
    DiagnosticsModule,
    ParticipantsModule,
    CoachingModule,
    NetworksModule,
    NotificationsReadModule,
    ReportsModule,
    DashboardModule,
  ],
})
class DomainModule {}

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    const production = config.nodeEnv === 'production';
    const limits = graphqlLimits(config.nodeEnv);
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        ClockModule,
        AuditModule,
        DatabaseModule.forRoot({
          entities,
          migrations,
          applicationName: 'la-delivery-tracker-api',
        }),
        // Services enqueue through the outbox; the api relays after commit and never processes.
        QueueModule.forRoot(config),
        StorageModule.forRoot(config),
        ApiAuthModule.forRoot(config),
        HttpProtectionModule,
        DomainModule,
        MetricsModule.forRoot(),
        HttpMetricsModule.forRoot({
          paths: ['/graphql', '/health/live', '/health/ready', '/metrics'],
        }),
        // Job counts for metrics and readiness, on the same connections the queue dashboard uses.
        QueueMetricsModule.forRoot({
          queues: Object.keys(QUEUES),
          redisUrl: config.redisUrl,
          prefix: config.queuePrefix,
        }),
        HealthModule,
        // Bull Board at /admin/queues, for admins only; left out entirely when switched off.
        ...(config.bullBoardEnabled ? [QueueDashboardModule] : []),
        GraphQLLimitsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [DomainModule],
          inject: [LoadersFactory, PinoLogger, Registry],
          useFactory: (loaders: LoadersFactory, logger: PinoLogger, registry: Registry) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            resolvers: { Date: DateScalar, Money: MoneyScalar },
            playground: false,
            introspection: !production,
            csrfPrevention: true,
            includeStacktraceInErrorResponses: false,
            // Only RATE_LIMITED sets a status while an operation runs (429, see RateLimitedError);
            // Nest would turn it back into 200.
            preserveHttpStatusForExecutionErrors: false,
            ...limits.options,
            formatError,
            plugins: [
              // No response is cached by hints (every answer depends on its caller), and the
              // plugin's hook on every field costs time on large answers.
              ApolloServerPluginCacheControlDisabled(),
              errorLoggingPlugin(logger),
              graphqlMetricsPlugin(registry),
              ...limits.plugins,
              ...(production
                ? []
                : [
                    ApolloServerPluginLandingPageLocalDefault({ embed: true }),
                    statementCountPlugin(),
                  ]),
            ] as Plugins,
            context: ({ req, res }: Pick<GraphQLContext, 'req' | 'res'>): GraphQLContext => {
              const auth: CallerHolder = {};
              return { req, res, auth, loaders: loaders.create(() => signedInCaller(auth)) };
            },
          }),
        }),
      ],
      controllers: [
        HealthController,
        MetricsController,
        SessionTemplatesController,
        ReportDownloadController,
      ],
      providers: [
        { provide: APP_PIPE, useClass: TextInputPipe },
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        MeResolver,
        LocalAuthoritiesResolver,
        RegionsResolver,
        LocalAuthorityInspectionsResolver,
        EligibilityResolver,
        LocalAuthorityEligibilityResolver,
        EngagementsResolver,
        LocalAuthorityEngagementsResolver,
        EligibilityEngagementsResolver,
        AuditEventsResolver,
        ManualRecordResolver,
        InspectionImportResolver,
        ProgrammesResolver,
        ServiceLineResolver,
        LotResolver,
        SupplierResolver,
        ContractResolver,
        ProgrammeChangeResolver,
        SupplierChangeResolver,
        ContractChangeResolver,
        ProgrammeManagerResolver,
        UsersResolver,
        ApiTokensResolver,
        MonthlyReturnsResolver,
        DeliverySessionsResolver,
        SessionAttendanceResolver,
        SessionCostShareResolver,
        SessionImportResolver,
        EngagementSessionsResolver,
        SpendResolver,
        SpendByLotResolver,
        SpendByContractResolver,
        SpendBySupplierResolver,
        SpendByLocalAuthorityResolver,
        ContractSpendResolver,
        DiagnosticsResolver,
        EngagementDiagnosticResolver,
        ParticipantsResolver,
        EngagementParticipantsResolver,
        CoachingResolver,
        EngagementCoachingResolver,
        LeadMemberNetworksResolver,
        NetworkCoverageResolver,
        NetworkMeetingsResolver,
        NotificationsResolver,
        ReportsResolver,
        DashboardResolver,
        DashboardRegionResolver,
      ],
    };
  }
}
