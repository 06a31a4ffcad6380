import 'reflect-metadata';
import { Command } from 'commander';
import { loadConfig, loadLauncherConfig, readEnvironment } from '@la-tracker/platform/config';
import { importInspections, queueInspectionImport } from './commands/import-inspections.command';
import { importLocalAuthorities } from './commands/import-local-authorities.command';
import { importSessions } from './commands/import-sessions.command';
import { migrate } from './commands/migrate.command';
import { seed } from './commands/seed.command';
import { listNotifications, runReminders } from './commands/reminders.command';
import { retention } from './commands/retention.command';
import { seedDemo } from './commands/seed-demo.command';
import { seedDemoAtScale } from './commands/seed-demo-scale.command';
import { services } from './commands/services.command';
import { start } from './commands/start.command';
import { token } from './commands/token.command';
import { addAdmin, listUsers } from './commands/users.command';
import { runningServices } from './running-services';

const log = (message: string) => process.stdout.write(`${message}\n`);
/**
 * Configuration for commands that need the database (and, to queue jobs, Redis): DATABASE_URL
 * (and REDIS_URL), or else the services of an `npm start` running from the same data directory.
 */
function databaseConfig(required: Array<'DATABASE_URL' | 'REDIS_URL'> = ['DATABASE_URL']) {
  const env = readEnvironment();
  const launcher = loadLauncherConfig(env);
  const running = launcher.databaseUrl ? undefined : runningServices(launcher.dataDir);
  return loadConfig(
    running ? { ...env, DATABASE_URL: running.databaseUrl, REDIS_URL: running.redisUrl } : env,
    required,
  );
}

const collect = (value: string, previous: string[]) => [...previous, value];

const program = new Command('cli')
  .description('LA Delivery Tracker: `npm run cli -- <command>`')
  .showHelpAfterError();

program
  .command('start')
  .description(
    'run the whole product: PostgreSQL, Redis, migrations, reference data, api and worker',
  )
  .action(() => start(loadLauncherConfig(readEnvironment()), log));

program
  .command('services')
  .description(
    'start only PostgreSQL and Redis (unless DATABASE_URL / REDIS_URL are set) and print their URLs',
  )
  .option('--json', 'print the URLs as one line of JSON')
  .option('--no-persist-redis', 'keep no Redis data between runs')
  .action((options: { json?: boolean; persistRedis: boolean }) =>
    services(
      loadLauncherConfig(readEnvironment()),
      { json: Boolean(options.json), persistRedis: options.persistRedis },
      log,
    ),
  );

program
  .command('migrate')
  .description('run the database migrations that have not run (DATABASE_URL)')
  .action(async () => {
    await migrate(databaseConfig(), log);
  });

program
  .command('seed')
  .description(
    'load the reference data (regions, local authorities, aliases, the bundled Ofsted inspections) and the default programme; running it again changes nothing',
  )
  .action(() => seed(databaseConfig(), log));

program
  .command('seed-demo')
  .description(
    'build a plausible 2023-24 in the default programme for demonstrations (suppliers, contracts, engagements, sessions in every state, monthly returns), through the same rules; or, with --scale N, a national-scale programme of N years to 2025-26 written in bulk; running it again changes nothing',
  )
  .option(
    '--scale <n>',
    'instead, build the programme "Leadership support at national scale": n years of national delivery ending 2025-26, about 100,000 sessions a year (n may be a fraction, such as 0.02), written in bulk',
  )
  .action(async (options: { scale?: string }) => {
    if (options.scale === undefined) await seedDemo(databaseConfig(), log);
    else await seedDemoAtScale(databaseConfig(), options.scale, log);
  });

program
  .command('import-local-authorities')
  .description(
    'load effective-dated changes to local authorities from a CSV in the layout of local-authorities.csv',
  )
  .argument('<file>', 'the CSV file')
  .option('--dry-run', 'say what would change, and change nothing')
  .action(async (file: string, options: { dryRun?: boolean }) => {
    await importLocalAuthorities(databaseConfig(), file, { dryRun: Boolean(options.dryRun) }, log);
  });

program
  .command('import-inspections')
  .description(
    "import Ofsted's local authority inspection outcomes as published (ODS, XLSX or CSV): new inspections added, known ones enriched or corrected, never duplicated",
  )
  .argument('<file>', "Ofsted's file")
  .option('--dry-run', 'say what would change, and change nothing')
  .option('--queue', 'have the worker import it, and follow its progress here')
  .action(async (file: string, options: { dryRun?: boolean; queue?: boolean }) => {
    const dryRun = Boolean(options.dryRun);
    if (options.queue)
      await queueInspectionImport(
        databaseConfig(['DATABASE_URL', 'REDIS_URL']),
        file,
        { dryRun },
        log,
      );
    else await importInspections(databaseConfig(), file, { dryRun }, log);
  });

program
  .command('import-sessions')
  .description(
    "import a supplier's delivered sessions from a file in the layout of the template (docs/templates/sessions-import-template.csv or .xlsx): every row checked first, then all recorded or none",
  )
  .argument('<file>', 'the CSV or XLSX file')
  .requiredOption('--supplier <id>', 'the supplier whose sessions these are')
  .option('--dry-run', 'check every row, and write nothing')
  .option('--submit', 'submit each session once recorded, rather than leave it a draft')
  .action(
    async (file: string, options: { supplier: string; dryRun?: boolean; submit?: boolean }) => {
      await importSessions(
        databaseConfig(),
        file,
        {
          supplierId: options.supplier,
          dryRun: Boolean(options.dryRun),
          submit: Boolean(options.submit),
        },
        log,
      );
    },
  );

program
  .command('run-reminders')
  .description(
    'find the reminders due (as the daily 07:00 schedule does) and queue each new one to be sent; running it again sends nothing twice',
  )
  .option('--as-of <date>', 'the day to judge by, YYYY-MM-DD (today in England when left out)')
  .action(async (options: { asOf?: string }) => {
    await runReminders(databaseConfig(['DATABASE_URL', 'REDIS_URL']), options, log);
  });

program
  .command('retention')
  .description(
    'erase personal data past its retention period (as the daily 02:30 schedule does) and print what went; running it again erases nothing more',
  )
  .option('--dry-run', 'count what would be erased, and change nothing')
  .option('--as-of <date>', 'the day to judge by, YYYY-MM-DD (today in England when left out)')
  .action(async (options: { dryRun?: boolean; asOf?: string }) => {
    await retention(databaseConfig(), options, log);
  });

program
  .command('notifications')
  .description(
    'list the latest notifications: what each says, to whom, and whether it was sent (in development, the outbox)',
  )
  .option('--limit <n>', 'how many, 1 to 100', (value) => Number(value), 20)
  .action(async (options: { limit: number }) => {
    await listNotifications(databaseConfig(), options, log);
  });

program
  .command('token')
  .description(
    'make sure a development user with exactly this role and scope exists, and print a token for it (not in production)',
  )
  .requiredOption('--role <role>', 'PROGRAMME_MANAGER, SUPPLIER, REGIONAL_ADVISER or ADMIN')
  .option('--supplier <id>', 'for SUPPLIER: the supplier (repeatable)', collect, [])
  .option(
    '--region <code>',
    'for REGIONAL_ADVISER: a region, e.g. E12000001 (repeatable)',
    collect,
    [],
  )
  .option('--programme <id>', 'for PROGRAMME_MANAGER: a programme (repeatable)', collect, [])
  .option('--expires-in <duration>', 'how long the token lasts, e.g. 8h or 30d', '8h')
  .action(
    async (options: {
      role: string;
      supplier: string[];
      region: string[];
      programme: string[];
      expiresIn: string;
    }) => {
      await token(databaseConfig(), options, log);
    },
  );

const users = program
  .command('users')
  .description('list the people who have signed in (or been added), with the roles they hold')
  .option('--search <text>', 'only those whose name, e-mail or subject contains this')
  .option('--role <role>', 'only those holding this role')
  .action(async (options: { search?: string; role?: string }) => {
    await listUsers(databaseConfig(), options, log);
  });

users
  .command('add-admin')
  .description(
    'make a person an admin, adding them if they have not signed in yet (how a new installation gets its first admin); running it again changes nothing',
  )
  .requiredOption('--subject <sub>', 'the person’s id at their issuer (the `sub` of their token)')
  .option(
    '--issuer <iss>',
    'their issuer (OIDC_ISSUER when left out; the development issuer without one)',
  )
  .option('--email <address>', 'their e-mail address')
  .action(async (options: { subject: string; issuer?: string; email?: string }) => {
    await addAdmin(databaseConfig(), options, log);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  // Every error a command raises says what went wrong and what to do; a stack would bury that.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
