import { AsyncLocalStorage } from 'node:async_hooks';

const context = new AsyncLocalStorage<{ requestId: string }>();

/**
 * The request being served, for code far from the HTTP layer (such as the audit log) that records
 * which request made a change, without every service passing it along.
 */
export const requestContext = {
  run<T>(requestId: string, work: () => T): T {
    return context.run({ requestId }, work);
  },
  /** The current request's id; undefined outside a request (the worker, the command line). */
  requestId(): string | undefined {
    return context.getStore()?.requestId;
  },
};
