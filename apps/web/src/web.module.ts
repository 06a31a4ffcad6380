import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { IdentityModule } from '@la-tracker/domain/identity';
import { entities, migrations } from '@la-tracker/migrations';
import { AuditModule } from '@la-tracker/platform/audit';
import { ConfigModule, type AppConfig } from '@la-tracker/platform/config';
import { DatabaseModule } from '@la-tracker/platform/database';
import { LoggingModule } from '@la-tracker/platform/logging';
import { ClockModule } from '@la-tracker/platform/time';
import { ApiClient } from './api/api-client';
import { EngagementsController } from './engagements/engagements.controller';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { PageExceptionFilter } from './http/page-exception.filter';
import { AccessibilityController } from './pages/accessibility.controller';
import { HomeController } from './pages/home.controller';
import { HealthController } from './pages/health.controller';
import { ProgrammeOverviewController } from './programmes/programme-overview.controller';
import { LocalAuthoritiesController } from './local-authorities/local-authorities.controller';
import { ProgrammesController } from './programmes/programmes.controller';
import { OverdueController } from './overdue/overdue.controller';
import { ReportsController } from './reports/reports.controller';
import { DeliveryRecordsController } from './delivery-records/delivery-records.controller';
import { MonthlyReturnsController } from './monthly-returns/monthly-returns.controller';
import { SessionUploadController } from './sessions/session-upload.controller';
import { SessionsController } from './sessions/sessions.controller';
import { SessionCookie, SessionMiddleware, sessionSealerFor } from './session/session.middleware';
import { SessionSealer } from './session/web-session';
import { DevelopmentUsers } from './sign-in/development-users.service';
import { OidcSignIn } from './sign-in/oidc-sign-in.service';
import { SignInController } from './sign-in/sign-in.controller';

/**
 * Development sign-in: choosing a development user makes it (with its role) in the database, as
 * `npm run cli -- token` does. Production has none of it: the web app there needs no database.
 */
@Module({})
class DevelopmentSignInModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DevelopmentSignInModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        AuditModule,
        DatabaseModule.forRoot({
          entities,
          migrations,
          applicationName: 'la-delivery-tracker-web',
        }),
        IdentityModule,
      ],
      providers: [ApiClient, DevelopmentUsers],
      exports: [DevelopmentUsers],
    };
  }
}

/** The web app: server-rendered pages, a client of the GraphQL api on the signed-in person's behalf. */
@Module({})
export class WebModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    const development = config.nodeEnv !== 'production';
    return {
      module: WebModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        ClockModule,
        ...(development ? [DevelopmentSignInModule.forRoot(config)] : []),
      ],
      controllers: [
        HealthController,
        AccessibilityController,
        SignInController,
        HomeController,
        ProgrammesController,
        ProgrammeOverviewController,
        EngagementsController,
        OverdueController,
        ReportsController,
        LocalAuthoritiesController,
        ApiTokensController,
        // Before SessionsController: /sessions/upload (and the others) are not sessions' ids.
        SessionUploadController,
        DeliveryRecordsController,
        SessionsController,
        MonthlyReturnsController,
      ],
      providers: [
        ApiClient,
        { provide: SessionSealer, useValue: sessionSealerFor(config) },
        SessionCookie,
        OidcSignIn,
        PageExceptionFilter,
        { provide: APP_FILTER, useExisting: PageExceptionFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // '{*path}' matches / too; '*path' would need a segment.
    consumer.apply(SessionMiddleware).forRoutes('{*path}');
  }
}
