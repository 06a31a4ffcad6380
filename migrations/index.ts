import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import type { MigrationInterface } from 'typeorm';
import { LocalAuthorities1795629976133 } from './1795629976133-LocalAuthorities';

/** Every entity the database holds: the schema the migrations below must produce. */
export const entities = [...localAuthorityEntities];

/** Every migration, oldest first. Append only: a migration that has landed is never edited. */
export const migrations: Array<new () => MigrationInterface> = [LocalAuthorities1795629976133];
