import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { AppConfig } from '@la-tracker/platform/config';

/**
 * CORS for the origins `CORS_ALLOWED_ORIGINS` names, exactly; undefined (no CORS at all, so
 * browsers keep to same-origin) when it names none. Another origin gets no CORS header at all,
 * preflight included. Tokens travel in the Authorization header, never in cookies, so no
 * credentials are allowed.
 */
export function corsOptions(config: Pick<AppConfig, 'http'>): CorsOptions | undefined {
  const allowed = new Set(config.http.corsAllowedOrigins);
  if (allowed.size === 0) return undefined;
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    credentials: false,
    maxAge: 600,
  };
}
