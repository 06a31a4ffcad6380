import type { Request } from 'express';
import { Role } from '@la-tracker/platform/auth';
import type { OnBehalfOf } from '../api/api-client';
import type { WebSession } from '../session/web-session';

export { Role };

/** One role a person holds, with its scope, as the api's `me` gives it. */
export interface Grant {
  role: Role;
  programmeId: string | null;
  supplierId: string | null;
  regionCode: string | null;
}

/** The signed-in person, as the api knows them at the start of this request. */
export interface Viewer {
  name: string;
  grants: Grant[];
  roles: ReadonlySet<Role>;
}

export type WebRequest = Request & {
  session?: WebSession;
  viewer?: Viewer;
  cspNonce?: string;
};

/** The person a page calls the api for: their token, their address (for the api's limits) and the request id. */
export function onBehalfOf(req: WebRequest): OnBehalfOf {
  if (!req.session) throw new Error('onBehalfOf needs a signed-in request');
  return {
    token: req.session.token,
    clientAddress: req.ip,
    requestId: typeof req.id === 'string' ? req.id : undefined,
  };
}
