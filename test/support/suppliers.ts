import { supplierNameKey } from '@la-tracker/domain/programmes';
import { Client } from 'pg';

/** A supplier written straight to the database, for tests that need one to exist (tokens). */
export async function insertSupplier(databaseUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO supplier (name, name_key) VALUES ($1, $2) RETURNING id',
      [name, supplierNameKey(name)],
    );
    return rows[0].id;
  } finally {
    await client.end();
  }
}
