import type { AppConfig } from '@la-tracker/platform/config';
import { FixedClock } from '@la-tracker/platform/time';
import { withCliContext } from '../cli-context';
import { DemoSeeder, type DemoChanges } from '../demo/demo-seeder';
import { DEMO_FINANCIAL_YEAR, DEMO_FIRST_DAY } from '../demo/demo-plan.rules';

/**
 * Builds a plausible programme year in the default programme for demonstrations, through the
 * domain services with the clock set to each step's day; running it again changes nothing.
 */
export function seedDemo(config: AppConfig, log: (message: string) => void): Promise<DemoChanges> {
  if (config.nodeEnv === 'production')
    return Promise.reject(new Error('Demonstration data is refused in production.'));
  const clock = new FixedClock(new Date(`${DEMO_FIRST_DAY}T10:00:00Z`));
  return withCliContext(
    config,
    async (app) => {
      const seeder = new DemoSeeder(app, clock);
      const plan = await seeder.plan();
      log(
        `Demo plan for ${DEMO_FINANCIAL_YEAR}: ${plan.suppliers.length} suppliers, ${plan.contracts.length} contracts, ` +
          `${plan.engagements.length} engagements, ${plan.sessions.length} sessions, ` +
          `${plan.participants.length} participants, ${plan.monthlyReturns.length} monthly returns.`,
      );
      const changes = await seeder.apply(plan);
      const total = Object.values(changes).reduce((sum, n) => sum + n, 0);
      log(
        total === 0
          ? 'Demo data: already in place; nothing changed.'
          : `Demo data: ${Object.entries(changes)
              .map(([kind, n]) => `${kind} ${n}`)
              .join(', ')} (records made or moved on).`,
      );
      return changes;
    },
    { clock },
  );
}
