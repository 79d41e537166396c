import { expect, test } from "./fixtures";
import { E2E_PORT, parseLogLines, queryActivity, readServerLog, withSecondInstance } from "./server-run";

// Two app processes behind one load balancer: the same build, DATABASE_URL and AUTH_SECRET. A
// session made on one is good on the other (the cookie is a signed JWT, no server-side session
// state), and the same bulk approve sent to both at once applies once.
//
// Why it cannot double-apply: lib/assets/workflow.ts locks each batch's rows (SELECT … FOR UPDATE,
// in id order, so the two cannot deadlock) and the UPDATE re-checks the rule on the newest version
// of each locked row. The request that waits for the locks finds the rows approved once it gets
// them — PostgreSQL re-evaluates the filter and the rule on the committed row (READ COMMITTED) —
// so it changes nothing and writes no audit row. Nothing is coordinated in memory.

test.skip(
  !process.env.TEST_DATABASE_URL,
  "needs PostgreSQL (TEST_DATABASE_URL): the embedded database admits one process",
);

const B_NAME = "asset-desk-e2e-instance-b";
/** Demo assets no other spec changes: the Maple Street episodes. */
const FILTER = { status: "pending", q: "Maple Street" };

const second = withSecondInstance(E2E_PORT + 2, B_NAME);

/**
 * Whether both bulk approves wait for the lock: B's (known by its connections' application_name)
 * and another one — A's, or, on a busy run, another spec's, which only makes the race less tight.
 */
async function bothWaiting(): Promise<boolean> {
  const [row] = await queryActivity<{ b: number; total: number }>(
    second.db,
    `SELECT count(*) FILTER (WHERE application_name = $1)::int AS b, count(*)::int AS total FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF a%'`,
    [B_NAME],
  );
  return row!.b >= 1 && row!.total >= 2;
}

interface BulkReport {
  changed: number;
  alreadyDone: number;
  changedUuids: string[];
}

test("a session made on one instance works on the other, and a bulk approve sent to both at once applies once", async ({
  page,
  loginAs,
  baseURL,
}) => {
  const { instance: b, db } = second;
  await loginAs("editor");

  // Session cookies are per host, not per port: the browser sends instance A's cookie to B.
  await page.goto(`${b.baseURL}/assets`);
  await expect(page).toHaveURL(`${b.baseURL}/assets`);
  await expect(page.getByRole("heading", { level: 1, name: "Assets" })).toBeVisible();
  const listed = await page.request.get(`${b.baseURL}/api/v1/assets?${new URLSearchParams(FILTER)}`);
  expect(listed.status()).toBe(200);
  const pending = ((await listed.json()) as { items: Array<{ uuid: string }> }).items.map((item) => item.uuid);
  expect(pending.length).toBeGreaterThan(0);

  // Warm both up (the first POST of a route loads its code), so neither is a second late.
  const nothing = { filter: { q: `no such file ${Date.now()}` } };
  // A POST with the session cookie is JSON from the instance's own origin (lib/api/handler.ts).
  for (const base of [baseURL!, b.baseURL])
    expect(
      (await page.request.post(`${base}/api/v1/assets/approve`, { headers: { origin: base }, data: nothing })).status(),
    ).toBe(200);

  // Both requests read the selection, then queue for the table lock this test holds; released
  // together, their row locks race for the same rows.
  const {
    rows: [clock],
  } = await db.query<{ now: Date }>("SELECT now()");
  let responses: Awaited<ReturnType<typeof page.request.post>>[];
  await db.query("BEGIN");
  try {
    await db.query("LOCK TABLE assets IN EXCLUSIVE MODE");
    const sent = Promise.all(
      [baseURL!, b.baseURL].map((base) =>
        page.request.post(`${base}/api/v1/assets/approve`, { headers: { origin: base }, data: { filter: FILTER } }),
      ),
    );
    await expect.poll(bothWaiting, { message: "both bulk approves wait for the lock" }).toBe(true);
    await db.query("COMMIT");
    responses = await sent;
  } finally {
    await db.query("ROLLBACK").catch(() => {});
  }
  for (const response of responses) expect(response.status(), await response.text()).toBe(200);
  const reports = (await Promise.all(responses.map((response) => response.json()))) as BulkReport[];

  // Approved now: those of the pending set that had probe data (the rest are skipped by both).
  const { rows: approved } = await db.query<{ uuid: string }>(
    "SELECT uuid::text FROM assets WHERE uuid = ANY($1::uuid[]) AND canonical",
    [pending],
  );
  const approvedUuids = approved.map((row) => row.uuid).sort();
  expect(approvedUuids.length).toBeGreaterThan(0);
  expect(reports[0]!.changed + reports[1]!.changed, "changed, summed over both instances").toBe(approvedUuids.length);
  expect(
    [...reports[0]!.changedUuids, ...reports[1]!.changedUuids].sort(),
    "each asset changed by one of them",
  ).toEqual(approvedUuids);

  const { rows: audit } = await db.query<{ uuid: string; n: number }>(
    "SELECT target_uuid::text AS uuid, count(*)::int AS n FROM audit_events WHERE action = 'asset.approve' AND at >= $1 AND target_uuid = ANY($2::uuid[]) GROUP BY 1 ORDER BY 1",
    [clock!.now, pending],
  );
  expect(audit, "one asset.approve audit row per asset").toEqual(approvedUuids.map((uuid) => ({ uuid, n: 1 })));
  // Nothing errored: each request's log lines (A's in the run's log, B's on its output) are below error level.
  const logs = [readServerLog(), parseLogLines(b.output())];
  responses.forEach((response, index) => {
    const lines = logs[index]!.filter((line) => line.requestId === response.headers()["x-request-id"]);
    expect(lines.map((line) => line.msg)).toContain("api request");
    expect(
      lines.filter((line) => Number(line.level) >= 50),
      "error lines",
    ).toEqual([]);
  });
  expect(b.alive(), b.output()).toBe(true);
});
