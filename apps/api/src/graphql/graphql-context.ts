import type { Request, Response } from 'express';
import type { Loaders } from './loaders';

/** What every resolver can reach: the HTTP exchange and this request's batch loaders. */
export interface GraphQLContext {
  req: Request & { id?: string };
  res: Response;
  loaders: Loaders;
}
