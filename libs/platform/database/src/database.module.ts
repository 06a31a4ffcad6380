import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type DataSourceParts } from './data-source';
import { assertSchemaCurrent } from './migration-status';

/** Refuses to let the application start on a schema that is behind its migrations. */
@Injectable()
class SchemaCheck implements OnModuleInit {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await assertSchemaCurrent(this.dataSource);
  }
}

@Module({})
export class DatabaseModule {
  /** `minimumPoolSize`: the pool is at least this, whatever `DATABASE_POOL_SIZE` says. */
  static forRoot(
    parts: Omit<DataSourceParts, 'url' | 'poolSize'> & { minimumPoolSize?: number },
  ): DynamicModule {
    const { minimumPoolSize = 0, ...source } = parts;
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions({
              ...source,
              url: config.databaseUrl,
              poolSize: Math.max(config.databasePoolSize, minimumPoolSize),
            }),
            // Fail fast and say why, rather than retrying for half a minute.
            retryAttempts: 2,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [SchemaCheck],
      exports: [TypeOrmModule],
    };
  }
}
