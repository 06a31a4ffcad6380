/**
 * The raw-SQL floor: a bare node:http server with a pg Pool the size of the api's, answering each
 * scenario with the same data from SQL sent directly.
 *
 * For the read scenarios it replays the very statements the api sent for that request (captured
 * once by capture-sql.ts: text and parameters, and which ran at the same time), with the same
 * parallelism. That is the fairest floor: it leaves out exactly what the api adds on top of its
 * SQL (HTTP framework, authentication, GraphQL parsing, validation and execution, entity mapping)
 * rather than comparing against SQL someone tuned by hand. It answers with the rows as JSON, the
 * way a hand-made endpoint would, so the serialisation cost is kept.
 *
 * recordSession cannot be replayed (each request makes a new session), so the floor does by hand
 * what the api's transaction does: lock the engagement, insert the session, its link and its
 * attendance, mark the engagement in delivery, and write the audit event, in one transaction.
 *
 * Started by main.ts with FLOOR_DATABASE_URL, FLOOR_POOL_SIZE and FLOOR_PLANS (a JSON file of
 * replay plans by scenario); it prints `{"port": n}` once listening.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool, types, type PoolClient } from 'pg';
import { readEnvironment } from '@la-tracker/platform/config';
import { CONNECTION_OPTIONS } from '@la-tracker/platform/database';
import type { ReplayPlan } from './sql-replay';

// As the api: a `date` stays `YYYY-MM-DD`.
types.setTypeParser(1082, (value: string) => value);

const env = readEnvironment();
const pool = new Pool({
  connectionString: env['FLOOR_DATABASE_URL'],
  max: Number(env['FLOOR_POOL_SIZE'] ?? 10),
  application_name: 'la-tracker-bench-floor',
  // The api's own connection settings, so the same statements are planned the same way.
  options: CONNECTION_OPTIONS,
});
const plans = JSON.parse(readFileSync(env['FLOOR_PLANS'] ?? '', 'utf8')) as Record<
  string,
  ReplayPlan
>;

async function replay(plan: ReplayPlan): Promise<unknown[][]> {
  if (plan.oneConnection) {
    const client = await pool.connect();
    try {
      const results: unknown[][] = [];
      for (const step of plan.steps)
        for (const statement of step)
          results.push((await client.query(statement.text, statement.params)).rows);
      return results;
    } finally {
      client.release();
    }
  }
  const results: unknown[][] = [];
  for (const step of plan.steps) {
    const answers = await Promise.all(
      step.map((statement) => pool.query(statement.text, statement.params)),
    );
    for (const answer of answers) results.push(answer.rows as unknown[]);
  }
  return results;
}

interface RecordSessionBody {
  supplierId: string;
  userId: string;
  input: {
    engagementIds: string[];
    deliveredOn: string;
    durationMinutes: number;
    format: string;
    topic: string;
    attendance: Array<{ role: string; count: number }>;
  };
}

function financialYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

async function inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function recordSession(body: RecordSessionBody): Promise<unknown> {
  const { input } = body;
  const engagementId = input.engagementIds[0];
  return inTransaction(async (client) => {
    const locked = await client.query<{
      programme_id: string;
      service_line: string;
      contract_id: string;
      local_authority_id: string;
    }>(
      `SELECT programme_id, service_line, contract_id, local_authority_id
         FROM engagement WHERE id = $1 FOR UPDATE`,
      [engagementId],
    );
    const engagement = locked.rows[0];
    if (!engagement) throw new Error(`no engagement ${engagementId}`);
    const inserted = await client.query<{ id: string; status: string; delivered_on: string }>(
      `INSERT INTO delivery_session (programme_id, service_line, supplier_id, contract_id, status,
          delivered_on, financial_year, duration_minutes, format, topic)
       VALUES ($1, $2, $3, $4, 'DRAFT', $5, $6, $7, $8, $9)
       RETURNING id, status, delivered_on`,
      [
        engagement.programme_id,
        engagement.service_line,
        body.supplierId,
        engagement.contract_id,
        input.deliveredOn,
        financialYearOf(input.deliveredOn),
        input.durationMinutes,
        input.format,
        input.topic,
      ],
    );
    const session = inserted.rows[0];
    if (!session) throw new Error('no session inserted');
    await client.query(
      'INSERT INTO session_engagement (session_id, engagement_id) VALUES ($1, $2)',
      [session.id, engagementId],
    );
    for (const line of input.attendance)
      await client.query(
        `INSERT INTO session_attendance (session_id, local_authority_id, role, count)
         VALUES ($1, $2, $3, $4)`,
        [session.id, engagement.local_authority_id, line.role, line.count],
      );
    await client.query(
      `UPDATE engagement SET status = 'IN_DELIVERY', started_on = COALESCE(started_on, $2)
        WHERE id = $1 AND status = 'APPROVED'`,
      [engagementId, input.deliveredOn],
    );
    await client.query(
      `INSERT INTO audit_event (actor_user_id, action, entity_type, entity_id, before, after,
          programme_id)
       VALUES ($1, 'session.record', 'delivery_session', $2, NULL, $3, $4)`,
      [body.userId, session.id, JSON.stringify({ ...session, ...input }), engagement.programme_id],
    );
    return {
      data: {
        recordSession: {
          id: session.id,
          status: session.status,
          deliveredOn: session.delivered_on,
        },
      },
    };
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const scenario = (req.url ?? '').replace(/^\//, '');
  const body = await readBody(req);
  let result: unknown;
  if (scenario === 'recordSession')
    result = await recordSession(JSON.parse(body) as RecordSessionBody);
  else {
    const plan = plans[scenario];
    if (!plan) {
      res.writeHead(404).end();
      return;
    }
    result = { data: { [scenario]: await replay(plan) } };
  }
  const json = JSON.stringify(result);
  res.writeHead(200, { 'content-type': 'application/json' }).end(json);
}

const server = createServer((req, res) => {
  answer(req, res).catch((error: unknown) => {
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errors: [{ message: String(error) }] }));
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
});
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
