import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeNotifyMessage {
  id: string;
  reference: string | null;
  templateId: string;
  emailAddress: string;
  personalisation: Record<string, string>;
}

/**
 * A stand-in for GOV.UK Notify's API (send an e-mail, list messages by reference) on a local
 * port, which keeps what it accepted and can be told to misbehave the way a real service does.
 */
export interface FakeNotify {
  readonly url: string;
  readonly messages: readonly FakeNotifyMessage[];
  /** The next `count` sends are refused with this status, and not kept. */
  refuseNext(status: number, count?: number): void;
  /** The next `count` sends are kept, but answered only after `ms` (a client gives up first). */
  answerLate(ms: number, count?: number): void;
  stop(): Promise<void>;
}

export async function startFakeNotify(): Promise<FakeNotify> {
  const messages: FakeNotifyMessage[] = [];
  const refusals: number[] = [];
  const delays: number[] = [];
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => reply(res, 500, { errors: [{ message: 'fake failed' }] }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!/^Bearer \S+\.\S+\.\S+$/.test(req.headers.authorization ?? ''))
      return reply(res, 403, { errors: [{ error: 'AuthError', message: 'Invalid token' }] });
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'POST' && url.pathname === '/v2/notifications/email') {
      const body = JSON.parse(await readBody(req)) as {
        template_id: string;
        email_address: string;
        personalisation?: Record<string, string>;
        reference?: string;
      };
      const refusal = refusals.shift();
      if (refusal !== undefined)
        return reply(res, refusal, { errors: [{ error: 'BadRequestError', message: 'Refused' }] });
      const message: FakeNotifyMessage = {
        id: randomUUID(),
        reference: body.reference ?? null,
        templateId: body.template_id,
        emailAddress: body.email_address,
        personalisation: body.personalisation ?? {},
      };
      messages.push(message);
      const delay = delays.shift();
      if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
      return reply(res, 201, {
        id: message.id,
        reference: message.reference,
        content: {
          subject: 'Reminder',
          body: '',
          from_email: 'tracker@notifications.service.gov.uk',
        },
        uri: `/v2/notifications/${message.id}`,
        template: { id: message.templateId, version: 1, uri: '' },
      });
    }
    if (req.method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference');
      const found = messages.filter((m) => reference === null || m.reference === reference);
      return reply(res, 200, {
        notifications: found.map((m) => ({ id: m.id, reference: m.reference, status: 'sending' })),
        links: { current: req.url },
      });
    }
    return reply(res, 404, { errors: [{ error: 'NotFound', message: 'Not found' }] });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    refuseNext: (status, count = 1) => refusals.push(...Array<number>(count).fill(status)),
    answerLate: (ms, count = 1) => delays.push(...Array<number>(count).fill(ms)),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
