import type { Request, Response } from 'express';
import type { Caller } from '@la-tracker/platform/auth';
import { UnauthenticatedError } from '@la-tracker/platform/errors';
import type { Loaders } from './loaders';

/** What every resolver can reach: the HTTP exchange and this request's batch loaders. */
export interface GraphQLContext {
  req: Request & { id?: string };
  res: Response;
  loaders: Loaders;
  auth: CallerHolder;
}

/**
 * Who is asking, set by the auth guard on first use (null when no token was sent). Apollo gives
 * each operation a copy of the context; this holder is shared by all of them, and by the loaders.
 */
export interface CallerHolder {
  caller?: Promise<Caller | null>;
}

/** The caller of a request that has passed the guard, for fields and loaders below its operation. */
export async function signedInCaller(auth: CallerHolder): Promise<Caller> {
  const caller = await auth.caller;
  if (!caller) throw new UnauthenticatedError();
  return caller;
}
