import { Client } from 'pg';

/**
 * A digest of every row of every table, by table: two equal fingerprints mean nothing was
 * written in between, and a difference names the tables that changed.
 */
export async function databaseFingerprint(databaseUrl: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const digests = tables.map(
      ({ name }) =>
        `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${name}" t`,
    );
    const { rows } = await client.query<{ name: string; digest: string }>(
      digests.join(' UNION ALL '),
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
  } finally {
    await client.end();
  }
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(
  before: Record<string, string>,
  after: Record<string, string>,
): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
