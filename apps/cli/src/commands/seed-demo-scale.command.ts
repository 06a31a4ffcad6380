import type { AppConfig } from '@la-tracker/platform/config';
import { Client } from 'pg';
import { Progress } from '../demo/scale/progress';
import { SCALE_PROGRAMME_NAME, scaleProblem, scaleYears } from '../demo/scale/scale-plan.rules';
import { ScaleSeeder, type ScaleOutcome } from '../demo/scale/scale-seeder';

/**
 * Builds the national-scale demonstration programme (`seed-demo --scale N`): N years of delivery
 * ending with 2025-26, about 100,000 sessions a year, copied in bulk. Running it again with the
 * programme in place changes nothing.
 */
export async function seedDemoAtScale(
  config: AppConfig,
  scaleText: string,
  log: (message: string) => void,
  progressOut: { write(text: string): unknown; isTTY?: boolean } = process.stderr,
): Promise<ScaleOutcome> {
  const problem = scaleProblem(scaleText);
  if (problem) throw new Error(problem);
  if (config.nodeEnv === 'production')
    throw new Error('Demonstration data is refused in production.');
  const scale = Number(scaleText);
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const years = scaleYears(scale);
    log(
      `Building "${SCALE_PROGRAMME_NAME}" at scale ${scale}: ${years.length} year(s), ${years[0]} to ${years.at(-1)}.`,
    );
    const started = performance.now();
    const outcome = await new ScaleSeeder(client, (total) => new Progress(progressOut, total)).seed(
      scale,
      log,
    );
    if (!outcome.made)
      log(
        `"${SCALE_PROGRAMME_NAME}" is already there (id ${outcome.programmeId}, ${outcome.sessions} sessions); nothing changed.`,
      );
    else
      log(
        `Made in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(
          outcome.rows,
        )
          .map(([table, n]) => `${table} ${n}`)
          .join(', ')}.`,
      );
    return outcome;
  } finally {
    await client.end();
  }
}
