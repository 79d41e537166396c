import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, signIn, test, UUID_V4, type Role } from "./fixtures";
import { queryRunDatabase, readServerLog, serverRun } from "./server-run";

// Uuids outward, integer ids inward (docs/architecture.md): signed in as each role, the crawler
// visits every page reachable by links and every GET of /api/v1 on the demo data, and finds no
// integer id of an asset, episode, catalog entry or user in HTML (the RSC payload included), JSON
// or the server's log lines. On PostgreSQL it reads the real ids and looks for them in id-like
// places (`"assetId":12`, `data-id="12"`, `?id=12`); on the embedded database, which admits no
// second process, any integer in those places counts. A link with an integer path segment always does.

const ROLES: Role[] = ["operator", "editor", "admin"];
/** Pages per role at most; route patterns and query variants are bounded below it. */
const MAX_PAGES = 150;
/** Distinct paths per route pattern (/assets/:uuid): one asset page reads like the next. */
const PATHS_PER_PATTERN = 2;
/**
 * Query variants per path. A variant is the set of parameter names (sort, after, actor, …) with the
 * values of the parameters that change what the page shows; `?sort=size` and `?sort=uri` render the same.
 */
const VARIANTS_PER_PATH = 8;
const VIEW_PARAMS = new Set(["status", "issue"]);
/** Not pages: sign-in machinery and file downloads. */
const SKIP = [/^\/api\//, /^\/_next\//, /\/media$/, /\.(csv|json|svg|ico)$/i, /(sign|log)-?out/i];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const CONCURRENCY = 2;

// A quote, bare or escaped: the RSC payload sits in <script> strings and escapes its quotes.
const Q = String.raw`\\?"`;
const ID_KEY = new RegExp(String.raw`${Q}(id|[A-Za-z_]+Id)${Q}\s*:\s*(?:${Q})?(\d+)(?![\w.-])`, "g");
const DATA_ID = new RegExp(String.raw`(data-[\w-]*id)=(?:${Q}|')(\d+)(?:${Q}|')`, "gi");
const QUERY_ID = /[?&](?:amp;)?([\w-]*id)=(\d+)(?![\w.-])/gi;
const LINK = new RegExp(
  String.raw`(?:\b(?:href|src|action|formAction)=|${Q}(?:href|src|action|formAction)${Q}:)(?:${Q}|')([^"'\\\s>]+)`,
  "gi",
);

type Finding = string;

/** The integer ids of assets, episodes, catalog entries and users, when the test can read them. */
async function knownIds(): Promise<Set<string> | null> {
  if (!serverRun().databaseUrl) return null;
  const rows = await queryRunDatabase<{ id: string }>(
    "SELECT id::text FROM assets UNION SELECT id::text FROM episodes UNION SELECT id::text FROM catalog_assets UNION SELECT id::text FROM users",
  );
  return new Set(rows.map((row) => row.id));
}

let ids: Set<string> | null = null;
const isId = (value: string) => ids === null || ids.has(value);

/** Integer ids in the text of an HTML page or a JSON body, described for the failure message. */
function findIdsInText(where: string, text: string): Finding[] {
  const found: Finding[] = [];
  for (const pattern of [ID_KEY, DATA_ID, QUERY_ID]) {
    for (const match of text.matchAll(pattern)) {
      if (isId(match[2]!)) found.push(`${where}: ${match[0]}`);
    }
  }
  for (const match of text.matchAll(LINK)) {
    const target = match[1]!.replaceAll("&amp;", "&");
    if (!target.startsWith("/") || target.startsWith("//")) continue;
    if (new URL(target, "http://x").pathname.split("/").some((segment) => /^\d+$/.test(segment)))
      found.push(`${where}: link ${target}`);
  }
  return found;
}

/** Keys named `id` or `…Id` holding an integer, anywhere in a JSON value. */
function findIdsInJson(where: string, value: unknown, key = ""): Finding[] {
  if (Array.isArray(value)) return value.flatMap((item) => findIdsInJson(where, item, key));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => findIdsInJson(where, v, k));
  const integer =
    typeof value === "number" ? Number.isInteger(value) : typeof value === "string" && /^\d+$/.test(value);
  return /^(id|.+Id)$/.test(key) && integer ? [`${where}: ${key}=${String(value)}`] : [];
}

/** A paging cursor is opaque base64url of [sort value, uuid]: its tie-breaker must be the uuid, never the id. */
function findIdsInCursor(where: string, cursor: string): Finding[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return [`${where}: cursor ${cursor} is not base64url JSON`];
  }
  const tieBreaker = Array.isArray(key) ? key.at(-1) : undefined;
  return typeof tieBreaker === "string" && new RegExp(`^${UUID.source}$`).test(tieBreaker)
    ? []
    : [`${where}: cursor ${JSON.stringify(key)}`];
}

/** Same-origin links of an HTML page, as the browser would follow them (downloads left out). */
function pageLinks(html: string, base: string): URL[] {
  const links: URL[] = [];
  for (const match of html.matchAll(/<a\b[^>]*>/gi)) {
    const tag = match[0];
    const href = /\shref="([^"]*)"/i.exec(tag)?.[1];
    if (!href || /\sdownload[\s=>]/i.test(tag)) continue;
    const url = new URL(href.replaceAll("&amp;", "&"), base);
    if (url.origin === new URL(base).origin) links.push(url);
  }
  return links;
}

interface Crawl {
  findings: Finding[];
  pages: string[];
  /** Uuids seen in links, by route: assets/:uuid, sources/runs/:uuid, … */
  uuids: Map<string, Set<string>>;
  /** The x-request-id of every API request, to find its log line. */
  apiRequestIds: string[];
}

async function crawlPages(request: APIRequestContext, baseURL: string): Promise<Crawl> {
  const crawl: Crawl = { findings: [], pages: [], uuids: new Map(), apiRequestIds: [] };
  const seen = new Set<string>();
  /** Route pattern → its paths, and path → its query variants: what makes a link worth a visit. */
  const pathsOfPattern = new Map<string, Set<string>>();
  const variantsOfPath = new Map<string, Set<string>>();
  const queue: URL[] = [new URL("/", baseURL)];

  const admit = (url: URL): boolean => {
    if (SKIP.some((pattern) => pattern.test(url.pathname))) return false;
    const key = url.pathname + url.search;
    if (seen.has(key) || seen.size >= MAX_PAGES) return false;
    const pattern = url.pathname.replace(UUID, ":uuid");
    const paths = pathsOfPattern.get(pattern) ?? new Set();
    if (!paths.has(url.pathname) && paths.size >= PATHS_PER_PATTERN) return false;
    const variant = [...new Set(url.searchParams.keys())]
      .sort()
      .map((name) => (VIEW_PARAMS.has(name) ? `${name}=${url.searchParams.get(name)}` : name))
      .join("&");
    const variants = variantsOfPath.get(url.pathname) ?? new Set();
    if (variants.has(variant) || variants.size >= VARIANTS_PER_PATH) return false;
    pathsOfPattern.set(pattern, paths.add(url.pathname));
    variantsOfPath.set(url.pathname, variants.add(variant));
    seen.add(key);
    return true;
  };

  const visit = async (url: URL) => {
    const response = await request.get(url.toString());
    const where = url.pathname + url.search;
    crawl.pages.push(where);
    const html = await response.text();
    if (response.status() >= 500) crawl.findings.push(`${where}: HTTP ${response.status()}`);
    crawl.findings.push(...findIdsInText(where, html));
    for (const link of pageLinks(html, response.url())) {
      for (const cursor of [...link.searchParams.getAll("after"), ...link.searchParams.getAll("before")])
        crawl.findings.push(...findIdsInCursor(where, cursor));
      for (const match of link.pathname.matchAll(UUID)) {
        const route = link.pathname.slice(0, match.index).replace(UUID, ":uuid");
        crawl.uuids.set(route, (crawl.uuids.get(route) ?? new Set()).add(match[0]));
      }
      if (admit(link)) queue.push(link);
    }
  };

  admit(queue[0]!);
  const running = new Set<Promise<void>>();
  while (queue.length > 0 || running.size > 0) {
    while (queue.length > 0 && running.size < CONCURRENCY) {
      const job = visit(queue.shift()!).finally(() => running.delete(job));
      running.add(job);
    }
    await Promise.race(running);
  }
  return crawl;
}

/** Every GET of /api/v1 (and the health checks), on uuids the pages linked to. */
async function crawlApi(request: APIRequestContext, crawl: Crawl) {
  const some = (route: string, n = 3) => [...(crawl.uuids.get(route) ?? [])].slice(0, n);
  const paths = [
    "/api/health",
    "/api/ready",
    "/api/v1/openapi.json",
    "/api/v1/assets",
    "/api/v1/assets?status=deleted&sort=size",
    "/api/v1/assets?status=promoted&q=a",
    "/api/v1/catalog",
    "/api/v1/audit",
    ...some("/assets/").map((uuid) => `/api/v1/assets/${uuid}`),
    ...some("/sources/runs/").map((uuid) => `/api/v1/scan-runs/${uuid}`),
  ];
  const get = async (path: string) => {
    const response = await request.get(path);
    const requestId = response.headers()["x-request-id"];
    expect(requestId, `x-request-id of ${path}`).toBeTruthy();
    const text = await response.text();
    crawl.pages.push(path);
    if (response.status() === 404 && path.endsWith("openapi.json")) return null;
    if (path.startsWith("/api/v1/")) crawl.apiRequestIds.push(requestId!);
    if (response.status() >= 500 && !path.startsWith("/api/ready"))
      crawl.findings.push(`${path}: HTTP ${response.status()}`);
    expect(response.headers()["content-type"], `content type of ${path}`).toMatch(/json/);
    const body = JSON.parse(text) as { next?: string | null; previous?: string | null };
    crawl.findings.push(...findIdsInText(path, text), ...findIdsInJson(path, body));
    for (const cursor of [body.next, body.previous]) if (cursor) crawl.findings.push(...findIdsInCursor(path, cursor));
    return body;
  };
  for (const path of paths) {
    const body = await get(path);
    // The second page too: cursors are opaque, and must not carry an id either.
    if (path === "/api/v1/assets" && body?.next) await get(`/api/v1/assets?after=${encodeURIComponent(body.next)}`);
  }
}

/** A finished scan of the demo's sample folder, so run pages and /scan-runs have something to show. */
async function scanSamples(page: Page) {
  const sources = await (await page.request.get("/sources")).text();
  const sample = /href="\/sources\/([0-9a-f-]{36})"[^>]*>Sample clips</.exec(sources)?.[1];
  if (!sample) return; // no ffmpeg when the demo was seeded: no sample source
  // As the desk's own page would send it: JSON, from the desk's origin (the CSRF guard of lib/api/handler.ts).
  const started = await page.request.post(`/api/v1/sources/${sample}/scans`, {
    headers: { origin: new URL(page.url()).origin },
    data: {},
  });
  expect(started.status(), await started.text()).toBe(202);
  const { uuid } = (await started.json()) as { uuid: string };
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api/v1/scan-runs/${uuid}`)).json()) as { status: string }).status,
      { timeout: 15_000 },
    )
    .toMatch(/succeeded|failed/);
}

const secrets: string[] = [];
const apiRequests: Array<{ requestIds: string[]; role: Role }> = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, "operator@demo.local");
  await scanSamples(page);
  await page.close();
});

for (const role of ROLES) {
  test(`signed in as ${role}, no page or API answer carries an integer id`, async ({ page, loginAs, baseURL }) => {
    ids = await knownIds(); // again for each role: specs running beside this one add assets
    await loginAs(role);
    const crawl = await crawlPages(page.request, baseURL!);
    await crawlApi(page.request, crawl);
    // A bearer token the server does not know: refused, and never written to the log.
    const token = `adk_${randomBytes(32).toString("base64url")}`;
    const refused = await page.request.get("/api/v1/assets", { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status()).toBe(401);
    const session = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session, "session cookie").toBeTruthy();
    secrets.push(token, session!.value);
    apiRequests.push({ role, requestIds: crawl.apiRequestIds });

    expect(crawl.pages.length, `pages crawled as ${role}`).toBeGreaterThan(20);
    expect(crawl.findings, `integer ids (or server errors) seen as ${role}`).toEqual([]);
  });
}

test("the server's log lines carry request ids and users by uuid, never an integer id or a secret", async () => {
  test.skip(apiRequests.length < ROLES.length, "runs after the role crawls");
  ids = await knownIds();
  const lines = readServerLog();
  expect(lines.length).toBeGreaterThan(0);
  const findings = lines.flatMap((line, index) => findIdsInJson(`log line ${index + 1} (${String(line.msg)})`, line));
  expect(findings, "integer ids in the log").toEqual([]);

  const text = JSON.stringify(lines);
  for (const secret of [DEMO_PASSWORD, ...secrets])
    expect(text.includes(secret), "a password, token or session cookie in the log").toBe(false);
  expect(text).not.toMatch(/adk_[\w-]{20,}|Bearer\s+\S|next-auth\.session-token=/i);
  const passwords = lines.filter((line) => JSON.stringify(line).match(/"password(Hash)?":\s*"(?!\[redacted\])/i));
  expect(passwords, "log lines with a password").toEqual([]);

  // Every API request's line names the request and the signed-in user by uuid: one user per role.
  const byRequest = new Map(lines.filter((line) => line.msg === "api request").map((line) => [line.requestId, line]));
  const users =
    ids === null
      ? null
      : new Map(
          (await queryRunDatabase<{ email: string; uuid: string }>("SELECT email, uuid::text FROM users")).map(
            (row) => [row.email, row.uuid],
          ),
        );
  const seenUsers = new Map<Role, Set<unknown>>();
  for (const { role, requestIds } of apiRequests) {
    for (const requestId of requestIds) {
      const line = byRequest.get(requestId);
      expect(line, `the log line of API request ${requestId} (${role})`).toBeTruthy();
      seenUsers.set(role, (seenUsers.get(role) ?? new Set()).add(line!.userUuid));
    }
  }
  for (const role of ROLES) {
    const [userUuid, ...others] = seenUsers.get(role) ?? [];
    expect(others, `one userUuid on the API requests of ${role}`).toEqual([]);
    expect(userUuid, `userUuid on the API requests of ${role}`).toEqual(
      users ? users.get(`${role}@demo.local`) : expect.stringMatching(UUID_V4),
    );
  }
  expect(new Set(ROLES.map((role) => [...(seenUsers.get(role) ?? [])][0])).size, "a user per role").toBe(ROLES.length);
});
