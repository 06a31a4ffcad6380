import { Role, type Caller } from '@la-tracker/platform/auth';

/** The operator at the command line, who may read and manage everything, as an admin does. */
export const OPERATOR: Caller = {
  userId: null,
  issuer: 'cli',
  subject: 'cli:operator',
  email: null,
  grants: [{ role: Role.ADMIN, supplierId: null, regionCode: null, programmeId: null }],
};
