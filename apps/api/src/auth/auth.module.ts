import { Module, type DynamicModule } from '@nestjs/common';
import { IdentityModule } from '@la-tracker/domain/identity';
import { TokenVerifier } from '@la-tracker/platform/auth';
import type { AppConfig } from '@la-tracker/platform/config';
import { BearerAuthenticator } from './bearer-authenticator';

/**
 * Who a request comes from: the one token verifier (it caches the issuer's keys), personal API
 * tokens and the callers' roles, for the GraphQL guard and for the queue dashboard alike.
 */
@Module({})
export class ApiAuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiAuthModule,
      global: true,
      imports: [IdentityModule],
      providers: [
        { provide: TokenVerifier, useFactory: () => TokenVerifier.fromConfig(config.auth) },
        BearerAuthenticator,
      ],
      exports: [TokenVerifier, BearerAuthenticator, IdentityModule],
    };
  }
}
