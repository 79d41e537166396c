import { expect, test } from "./fixtures";
import { E2E_PORT, parseLogLines, queryActivity, withSecondInstance } from "./server-run";

// The database drops the app's connections in the middle of a request (a failover, a restart,
// pg_terminate_backend): that request fails with a clear 503, the process lives on, and the next
// request gets a fresh connection. The connections killed are those of a server of its own (its
// application_name marks them), so the specs running beside this one keep theirs.

const APP = "asset-desk-e2e-resilience";

test.skip(
  !process.env.TEST_DATABASE_URL,
  "needs PostgreSQL (TEST_DATABASE_URL): the embedded database has no connections to kill",
);

const second = withSecondInstance(E2E_PORT + 1, APP);

/** Backends of the second instance (not this test's own connection) matching `where`. */
async function appBackends(where = "TRUE"): Promise<number> {
  const rows = await queryActivity<{ n: number }>(
    second.db,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid() AND ${where}`,
    [APP],
  );
  return rows[0]!.n;
}

test("a request whose database connection is killed answers 503; the process lives and the next request works", async ({
  page,
  loginAs,
}) => {
  const { instance, db: admin } = second;
  await loginAs("operator");
  // Session cookies are per host, not per port: this browser is signed in on the second server too.
  const api = page.request;
  const url = (path: string) => `${instance.baseURL}${path}`;
  expect((await api.get(url("/api/v1/assets"))).status()).toBe(200);

  // Hold the next request inside the database: the list query waits for this lock.
  await admin.query("BEGIN");
  await admin.query("LOCK TABLE assets IN ACCESS EXCLUSIVE MODE");
  let held: Awaited<ReturnType<typeof api.get>>;
  try {
    const request = api.get(url("/api/v1/assets"));
    await expect
      .poll(() => appBackends("wait_event_type = 'Lock'"), { message: "the request waits for the lock" })
      .toBeGreaterThan(0);
    const { rows } = await admin.query<{ killed: boolean }>(
      "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()",
      [APP],
    );
    expect(rows.length, "connections of the app killed").toBeGreaterThan(0);
    await admin.query("ROLLBACK");
    held = await request;
  } finally {
    await admin.query("ROLLBACK").catch(() => {});
  }

  expect(held.status()).toBe(503);
  expect(held.headers()["content-type"]).toContain("application/problem+json");
  expect(held.headers()["retry-after"]).toBe("5");
  const problem = (await held.json()) as { code: string; requestId: string };
  expect(problem).toMatchObject({ code: "database_unavailable", requestId: held.headers()["x-request-id"] });

  // Still alive, and the pool opens new connections for what comes next.
  expect((await api.get(url("/api/health"))).status()).toBe(200);
  expect((await api.get(url("/api/v1/assets"))).status()).toBe(200);
  await page.goto(url("/assets"));
  await expect(page.getByRole("heading", { level: 1, name: "Assets" })).toBeVisible();
  expect((await api.get(url("/api/ready"))).status()).toBe(200);
  expect(instance.alive(), instance.output()).toBe(true);

  // The request line (the proxy's), then the failure once as a warning under the request's id, not as an error.
  const lines = parseLogLines(instance.output()).filter((line) => line.requestId === problem.requestId);
  expect(lines.map((line) => [line.level, line.msg])).toEqual([
    [30, "request"],
    [40, "database unavailable"],
    [30, "api request"],
  ]);
});
