import type { Request, Response } from 'express';
import type { Caller } from '@la-tracker/platform/auth';
import type { Loaders } from './loaders';

/** What every resolver can reach: the HTTP exchange and this request's batch loaders. */
export interface GraphQLContext {
  req: Request & { id?: string };
  res: Response;
  loaders: Loaders;
  /** Set by the auth guard on first use: who is asking (null when no token was sent). */
  caller?: Promise<Caller | null>;
}
