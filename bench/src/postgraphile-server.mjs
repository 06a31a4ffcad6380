// PostGraphile 5 for the benchmark. Run by a Node 22 binary from a directory whose node_modules
// holds postgraphile (bench/src/postgraphile.ts copies this file there), never by the product's
// Node. Settings come from the environment; it prints `{"port":N}` once it listens.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';

const { DATABASE_URL, POOL_SIZE, PG_OPTIONS, BENCH_SCHEMA } = process.env;

// Smart tags given here rather than as comments in the database, so that nothing outside the
// bench schema changes. PostGraphile only offers ordering on indexed columns; the api lists an
// LA's engagements newest referral first, so `referred_on` is made orderable.
const smartTags = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      'public.engagement': { attribute: { referred_on: { tags: { behavior: '+orderBy' } } } },
    },
    procedure: {
      // Without a name, a function outside the first schema gets its schema as a prefix.
      [`${BENCH_SCHEMA}.local_authorities_active_on`]: {
        tags: { name: 'local_authorities_active_on' },
      },
    },
  },
});

// As a deployed server would run: no GraphiQL, no explain, no watching the database.
const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [smartTags],
  pgServices: [
    makePgService({
      connectionString: DATABASE_URL,
      schemas: ['public', BENCH_SCHEMA],
      poolConfig: { max: Number(POOL_SIZE), options: PG_OPTIONS },
    }),
  ],
  grafserv: {
    graphiql: false,
    graphiqlOnGraphQLGET: false,
    watch: false,
    websockets: false,
  },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema before listening, so the first request measured is not the one that builds it.
await pgl.getSchemaResult();

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  // Releasing PostGraphile releases its grafserv and closes the pool.
  Promise.resolve(pgl.release()).then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
});
