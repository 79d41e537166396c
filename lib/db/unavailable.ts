// Whether an error means "the database could not be reached or dropped the connection" (the
// request may be retried) rather than a bug. Prisma and the pg driver wrap the cause; walk it.

const SQLSTATES = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, a restart
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up
  "08000", // connection_exception
  "08001", // could not establish the connection
  "08003", // connection_does_not_exist
  "08006", // connection_failure
]);
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);
const MESSAGES =
  /connection terminated|terminating connection|connection error|server closed the connection|Can't reach database server|timeout exceeded when trying to connect/i;

type Link = { code?: unknown; message?: unknown; originalCode?: unknown };

/** The error and the causes it wraps, outermost first. */
function* chain(error: unknown): Generator<Link> {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 8; depth++) {
    yield current as Link;
    current = (current as { cause?: unknown }).cause;
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { code, message, originalCode } of chain(error)) {
    if (typeof code === "string" && (SQLSTATES.has(code) || NODE_CODES.has(code))) return true;
    if (typeof originalCode === "string" && SQLSTATES.has(originalCode)) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
  }
  return false;
}

/** Whether PostgreSQL cancelled the statement because it ran past `statement_timeout` (57014). */
export function isStatementTimeout(error: unknown): boolean {
  for (const { code, message, originalCode } of chain(error)) {
    if (code === "57014" || originalCode === "57014") return true;
    if (typeof message === "string" && /canceling statement due to statement timeout/i.test(message)) return true;
  }
  return false;
}
