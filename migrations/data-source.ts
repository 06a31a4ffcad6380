// The DataSource the TypeORM command line uses (e.g. `migration:generate`), built from compiled code.
import { loadConfig, readEnvironment } from '@la-tracker/platform/config';
import { dataSourceOptions } from '@la-tracker/platform/database';
import { DataSource } from 'typeorm';
import { entities, migrations } from './index';

const config = loadConfig(readEnvironment(), ['DATABASE_URL']);

export default new DataSource(dataSourceOptions({ url: config.databaseUrl, entities, migrations }));
