/**
 * Loaded into the api with `node --require` by the benchmark alone. It wraps `pg`'s
 * `Client.prototype.query` so the floor can replay exactly the SQL the api sends: for a request
 * carrying an `x-bench-capture` header, each statement it sends (text, parameters, connection,
 * start and end) goes to BENCH_CAPTURE_FILE as a JSON line tagged with the header's value. The
 * request is followed through its asynchronous work as the api's own statement counter follows
 * it. Other requests cost one lookup per statement.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import { Server, type IncomingMessage } from 'node:http';
import { Client } from 'pg';
import type { CapturedStatement } from './sql-replay';

export const CAPTURE_HEADER = 'x-bench-capture';

// eslint-disable-next-line no-restricted-properties -- a preload into the api: nothing more to load
const file = process.env['BENCH_CAPTURE_FILE'];
const capture = new AsyncLocalStorage<string>();
const clientIds = new WeakMap<object, number>();
let nextClientId = 1;

function clientIdOf(client: object): number {
  let id = clientIds.get(client);
  if (id === undefined) {
    id = nextClientId++;
    clientIds.set(client, id);
  }
  return id;
}

function record(statement: CapturedStatement): void {
  if (file) appendFileSync(file, `${JSON.stringify(statement)}\n`);
}

if (file) {
  type Emit = (this: Server, event: string, ...args: unknown[]) => boolean;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its `this` below
  const emit = Server.prototype.emit as Emit;
  (Server.prototype as unknown as { emit: Emit }).emit = function emitCaptured(
    this: Server,
    event: string,
    ...args: unknown[]
  ): boolean {
    const tag =
      event === 'request' ? (args[0] as IncomingMessage).headers[CAPTURE_HEADER] : undefined;
    if (typeof tag !== 'string') return emit.call(this, event, ...args);
    return capture.run(tag, () => emit.call(this, event, ...args));
  };
  type Query = (this: Client, ...args: unknown[]) => unknown;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its `this` below
  const original = Client.prototype.query as unknown as Query;
  (Client.prototype as unknown as { query: Query }).query = function capturedQuery(
    this: Client,
    ...args: unknown[]
  ): unknown {
    const tag = capture.getStore();
    if (tag === undefined) return original.apply(this, args);
    const [config, values] = args;
    const text = typeof config === 'string' ? config : ((config as { text?: string }).text ?? '');
    const params: unknown[] = Array.isArray(values)
      ? values
      : ((config as { values?: unknown[] }).values ?? []);
    const startedAt = performance.now();
    const client = clientIdOf(this);
    const done = (rows: number) =>
      record({ tag, text, params, client, startedAt, endedAt: performance.now(), rows });
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: { rowCount?: number | null }) => {
        done(result?.rowCount ?? 0);
        callback(error, result);
      };
      return original.apply(this, args);
    }
    const outcome = original.apply(this, args);
    if (outcome && typeof (outcome as Promise<unknown>).then === 'function')
      (outcome as Promise<{ rowCount?: number | null }>).then(
        (result) => done(result?.rowCount ?? 0),
        () => done(-1),
      );
    return outcome;
  };
}
