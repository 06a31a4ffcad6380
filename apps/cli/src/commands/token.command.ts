import { IdentityService } from '@la-tracker/domain/identity';
import { developmentSecret, isRole, signDevelopmentToken } from '@la-tracker/platform/auth';
import type { AppConfig } from '@la-tracker/platform/config';
import { withCliContext } from '../cli-context';

/** Development tokens expire; a month covers any sensible working session. */
const MAX_LIFETIME_DAYS = 30;

export interface TokenOptions {
  role: string;
  supplier: string[];
  region: string[];
  programme: string[];
  expiresIn: string;
}

/**
 * Makes sure a development user with exactly this role and these scopes exists and prints a
 * token for it (on stdout alone, so `TOKEN=$(npm run --silent cli -- token --role ADMIN)` works).
 */
export async function token(
  config: AppConfig,
  options: TokenOptions,
  log: (message: string) => void,
): Promise<string> {
  if (config.nodeEnv === 'production') {
    throw new Error(
      'Development tokens are refused in production: people sign in through the OpenID Connect issuer.',
    );
  }
  const role = options.role.toUpperCase();
  if (!isRole(role)) {
    throw new Error(
      `--role must be one of PROGRAMME_MANAGER, SUPPLIER, REGIONAL_ADVISER, ADMIN (got "${options.role}")`,
    );
  }
  const lifetime = /^(\d+)([mhd])$/.exec(options.expiresIn);
  const minutes = lifetime
    ? Number(lifetime[1]) * { m: 1, h: 60, d: 1440 }[lifetime[2] as 'm' | 'h' | 'd']
    : 0;
  if (minutes < 1 || minutes > MAX_LIFETIME_DAYS * 1440) {
    throw new Error(
      `--expires-in must be minutes, hours or days up to ${MAX_LIFETIME_DAYS}d, e.g. 30m, 8h or 7d (got "${options.expiresIn}")`,
    );
  }
  const secret = developmentSecret(config.auth);
  if (!secret)
    throw new Error('No local token secret is configured (AUTH_HS256_SECRET or DATA_DIR).');
  const { user, grants } = await withCliContext(config, (app) =>
    app.get(IdentityService).ensureDevelopmentUser(role, {
      supplierIds: options.supplier,
      regionCodes: options.region,
      programmeIds: options.programme,
    }),
  );
  const signed = await signDevelopmentToken(
    secret,
    { subject: user.subject, email: user.email },
    options.expiresIn,
  );
  const scope = grants
    .map((grant) => grant.supplierId ?? grant.regionCode ?? grant.programmeId)
    .filter((id): id is string => id !== null);
  process.stderr.write(
    `Token for ${role}${scope.length > 0 ? ` (${scope.join(', ')})` : ''}, valid for ${options.expiresIn}:\n`,
  );
  log(signed);
  return signed;
}
