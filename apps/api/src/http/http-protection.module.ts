import { Module } from '@nestjs/common';
import { PersonRateLimit } from './person-rate-limit';
import { RateLimits } from './rate-limits';

/** The rate limits' shared counters, for the address middleware and the GraphQL guard. */
@Module({
  providers: [RateLimits, PersonRateLimit],
  exports: [RateLimits, PersonRateLimit],
})
export class HttpProtectionModule {}
