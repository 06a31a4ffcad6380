import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '@la-tracker/platform/config';
import { ApiModule } from './api.module';
import { buildSchemaOf, printSchemaFile, SCHEMA_FILE } from './graphql/schema-file';

/** `npm run schema`: writes the schema the api serves to the repository, from the code alone. */
async function main(): Promise<void> {
  // Nothing is connected to: only the module tree is read, so any well-formed URLs will do.
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: 'postgres://unused@localhost/unused',
    REDIS_URL: 'redis://localhost:6379',
  });
  const schema = await buildSchemaOf(ApiModule.forRoot(config));
  writeFileSync(SCHEMA_FILE, printSchemaFile(schema));
  process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not print the schema: ${String(error)}\n`);
  process.exit(1);
});
