import { Inject, Injectable } from '@nestjs/common';
import { IdentityService } from '@la-tracker/domain/identity';
import { developmentSecret, Role, signDevelopmentToken } from '@la-tracker/platform/auth';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import { ApiClient } from '../api/api-client';
import { SESSION_MAX_SECONDS } from '../session/web-session';
import {
  developmentUserChoices,
  type ChosenUser,
  type DevelopmentUserChoice,
  type ScopeOptions,
} from './development-users.rules';

const SCOPE_OPTIONS = /* GraphQL */ `
  query DevelopmentScopes {
    programmes {
      id
      name
    }
    suppliers {
      id
      name
    }
    regions {
      code
      name
    }
  }
`;

/**
 * Outside production, a person signs in by choosing a development user: the same users, roles and
 * signed tokens `npm run cli -- token` makes, so the api checks them as it checks any other.
 */
@Injectable()
export class DevelopmentUsers {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Admin, and a user for each programme, supplier and region there is. */
  async choices(): Promise<DevelopmentUserChoice[]> {
    const admin = await this.tokenFor({
      role: Role.ADMIN,
      scopes: { programmeIds: [], supplierIds: [], regionCodes: [] },
    });
    const options = await this.api.request<ScopeOptions>({ token: admin.token }, SCOPE_OPTIONS);
    return developmentUserChoices(options);
  }

  /** A token for the chosen user, made (with its role) if it is new. */
  async tokenFor(chosen: ChosenUser): Promise<{ token: string; expiresAt: number }> {
    if (this.config.nodeEnv === 'production')
      throw new Error('Development users are refused in production');
    const secret = developmentSecret(this.config.auth);
    if (!secret)
      throw new Error('No local token secret is configured (AUTH_HS256_SECRET or DATA_DIR)');
    const { user } = await this.identity.ensureDevelopmentUser(chosen.role, chosen.scopes);
    const expiresAt = Math.floor(Date.now() / 1000) + SESSION_MAX_SECONDS;
    const token = await signDevelopmentToken(
      secret,
      { subject: user.subject, email: user.email },
      expiresAt,
    );
    return { token, expiresAt };
  }
}
