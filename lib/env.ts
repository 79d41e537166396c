import { z } from "zod";

// Empty strings in the environment mean "not set" (a blank line in a .env file, a CI default).
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  // Folder of the embedded database used when DATABASE_URL is unset; "memory://" keeps it in memory.
  ASSET_DESK_DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Signs session cookies. Required in production (checked at start-up, see instrumentation.ts).
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)")),
  // Encrypts Plex tokens and Jellyfin API keys stored in the database (AES-256-GCM): 32 random bytes
  // as base64 (`openssl rand -base64 32`) or 64 hex digits. Required in production (instrumentation.ts).
  ASSET_DESK_SECRET_KEY: optional(
    z
      .string()
      .trim()
      .regex(
        /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/,
        "must be 32 random bytes as base64 or 64 hex digits (openssl rand -base64 32)",
      ),
  ),
  // Session cookies are Secure in production; set false only for plain-http demos on localhost.
  AUTH_SECURE_COOKIES: optional(z.enum(["true", "false"]).transform((value) => value === "true")),
  // Reverse proxies in front of the app that append to X-Forwarded-For (0 = clients connect directly).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Whether the web app also runs scans (a worker inside the app process). Turn off when dedicated
  // `asset-desk worker` processes do; the embedded database always runs them in the app.
  ASSET_DESK_WORKER: z.enum(["inline", "off"]).default("inline"),
  // Each request to a Plex or Jellyfin server: how long to wait, and how often to retry a transient failure.
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  PROVIDER_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  // How long the asset table's tab counts may count exactly before showing the planner's estimates
  // (marked ≈). Raise it on a slow or busy database server to see exact counts more often.
  ASSET_DESK_COUNT_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(25),
  // Requests one API token may make per minute (HTTP 429 with Retry-After beyond).
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  // The system's ffprobe is found on PATH; set this to use another.
  FFPROBE_PATH: optional(z.string().min(1)),
  // The system's ffmpeg (preview, thumbnails) is found on PATH; set this to use another.
  FFMPEG_PATH: optional(z.string().min(1)),
  // Preview segments and thumbnails are kept here (default: <ASSET_DESK_DATA_DIR>/cache), each kind
  // within its own size cap; the least recently used entries go first.
  ASSET_DESK_CACHE_DIR: optional(z.string().min(1)),
  ASSET_DESK_PREVIEW_CACHE_MB: z.coerce.number().int().min(16).max(10_000_000).default(4096),
  ASSET_DESK_THUMBNAIL_CACHE_MB: z.coerce.number().int().min(16).max(10_000_000).default(2048),
  // Transcodes (previews that re-encode) at once in this process; more viewers get HTTP 503 with
  // Retry-After. Default: the number of CPU cores.
  ASSET_DESK_TRANSCODES: optional(z.coerce.number().int().min(1).max(256)),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = readEnv();

/** Settings production cannot start without; the message says how to fix each. */
export function missingProductionSettings(config: Env = env): string[] {
  if (config.NODE_ENV !== "production") return [];
  const missing: string[] = [];
  if (!config.AUTH_SECRET)
    missing.push(
      "AUTH_SECRET is required in production: set it to a random value of 32+ characters, e.g. `openssl rand -base64 32`.",
    );
  if (!config.ASSET_DESK_SECRET_KEY) {
    missing.push(
      "ASSET_DESK_SECRET_KEY is required in production: it encrypts the Plex tokens and Jellyfin API keys stored in the database. Set it to 32 random bytes, e.g. `openssl rand -base64 32`, and keep it: secrets stored with a lost key must be entered again.",
    );
  }
  return missing;
}
