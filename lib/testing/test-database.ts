import pg from "pg";

// Integration tests run on real PostgreSQL when TEST_DATABASE_URL names a server: the global
// setup migrates one template database per run, and every test file gets its own copy of it,
// so files never see each other's rows. Everything created here is dropped at the end.

export const TEST_DB_PREFIX = "asset_desk_test_";

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
}
