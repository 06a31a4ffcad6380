import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { entities, migrations } from '@la-tracker/migrations';
import { ConfigModule, type AppConfig } from '@la-tracker/platform/config';
import { DatabaseModule } from '@la-tracker/platform/database';
import { LoggingModule } from '@la-tracker/platform/logging';
import { ClockModule } from '@la-tracker/platform/time';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { PinoLogger } from 'nestjs-pino';
import { DateScalar } from './graphql/date.scalar';
import { errorLoggingPlugin } from './graphql/error-logging.plugin';
import { formatError } from './graphql/error-formatter';
import { GraphQLExceptionFilter } from './graphql/graphql-exception.filter';
import { LoadersFactory } from './graphql/loaders';
import { inputValidationPipe } from './graphql/validation.pipe';
import { LocalAuthoritiesResolver } from './local-authorities/local-authorities.resolver';
import { RegionsResolver } from './local-authorities/regions.resolver';
import { HealthController } from './health.controller';

type Plugins = NonNullable<ApolloDriverConfig['plugins']>;

/** Domain modules the API serves; each brings the services its resolvers call. */
@Module({
  imports: [LocalAuthoritiesModule],
  providers: [LoadersFactory],
  exports: [LoadersFactory, LocalAuthoritiesModule],
})
class DomainModule {}

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    const production = config.nodeEnv === 'production';
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot({
          entities,
          migrations,
          applicationName: 'la-delivery-tracker-api',
        }),
        DomainModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [DomainModule],
          inject: [LoadersFactory, PinoLogger],
          useFactory: (loaders: LoadersFactory, logger: PinoLogger) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            resolvers: { Date: DateScalar },
            playground: false,
            introspection: !production,
            csrfPrevention: true,
            includeStacktraceInErrorResponses: false,
            formatError,
            plugins: [
              errorLoggingPlugin(logger),
              ...(production ? [] : [ApolloServerPluginLandingPageLocalDefault({ embed: true })]),
            ] as Plugins,
            context: ({ req, res }: { req: unknown; res: unknown }) => ({
              req,
              res,
              loaders: loaders.create(),
            }),
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
        LocalAuthoritiesResolver,
        RegionsResolver,
      ],
    };
  }
}
