import path from "node:path";
import { z } from "zod";
import { ROLES, type TRole } from "@/server/team/role-rules";

/**
 * The only module that reads `process.env` (enforced by lint). Two views:
 * - `launchEnv()`: what `npm start` needs to decide which embedded parts to run;
 * - `serverEnv()`: what the running app needs, once the launcher has filled in the defaults.
 */

const ZCommaListSchema = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );

const ZPortSchema = z.coerce.number().int().min(1).max(65535);
/** A whole number in [min, max], with one message naming the variable for any bad value. */
const ZIntInRange = (name: string, min: number, max: number, unit = "") => {
  const message = `${name} must be a whole number${unit} from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
};

const ZOptionalString = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

export const ZLaunchEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  DATABASE_URL: ZOptionalString.pipe(z.url().optional()),
  ATTACHE_DATA_DIR: z.string().min(1).default(".attache"),
  ATTACHE_PG_PORT: ZPortSchema.default(54329),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: ZPortSchema.default(3000),
  NEXTAUTH_URL: ZOptionalString.pipe(z.url().optional()),
  NEXTAUTH_SECRET: ZOptionalString,
  OIDC_ISSUER: ZOptionalString.pipe(z.url().optional()),
  OIDC_CLIENT_ID: ZOptionalString,
  OIDC_CLIENT_SECRET: ZOptionalString,
  ATTACHE_IDP_PORT: ZPortSchema.default(3001),
  ATTACHE_ALLOWED_EMAIL_DOMAINS: ZOptionalString,
  ATTACHE_BOOTSTRAP_OWNER_EMAIL: ZOptionalString,
  ATTACHE_SEED_DEMO: z.enum(["true", "false"]).optional(),
  ATTACHE_ENCRYPTION_KEY: ZOptionalString,
  ATTACHE_BOOTSTRAP_ACCESS_KEY_ID: ZOptionalString,
  ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY: ZOptionalString,
});
export type TLaunchEnv = z.infer<typeof ZLaunchEnvSchema>;

export const ZServerEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  // Seconds to wait for a PostgreSQL connection (opening one, or a free one from the pool) before failing.
  ATTACHE_DB_CONNECT_TIMEOUT_SECONDS: ZIntInRange("ATTACHE_DB_CONNECT_TIMEOUT_SECONDS", 1, 600, " of seconds").default(
    5,
  ),
  // Seconds one SQL statement may run (PostgreSQL's statement_timeout; the client gives up shortly after,
  // for a server that does not answer at all). A transaction idle twice as long ends its session.
  ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS: ZIntInRange(
    "ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS",
    1,
    3_600,
    " of seconds",
  ).default(10),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  OIDC_ISSUER: z.url({ message: "OIDC_ISSUER must be the issuer URL of your OpenID Provider" }),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_CLIENT_SECRET: z.string().min(1),
  OIDC_DISPLAY_NAME: z.string().min(1).default("SSO"),
  // Sent as the authorization request's `prompt` (e.g. "login" to always ask for credentials).
  OIDC_PROMPT: z.enum(["login", "consent", "select_account"]).optional(),
  // Some IdPs (Entra ID) never send email_verified; "true" trusts their email when the claim is absent.
  // An explicit email_verified=false is refused either way.
  OIDC_TRUST_EMAIL: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  ATTACHE_ALLOWED_EMAIL_DOMAINS: ZCommaListSchema,
  ATTACHE_BOOTSTRAP_OWNER_EMAIL: z
    .email()
    .optional()
    .transform((email) => email?.toLowerCase()),
  ATTACHE_AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "ATTACHE_AWS_REGION must look like us-east-1")
    .default("us-east-1"),
  ATTACHE_AWS_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, "ATTACHE_AWS_ACCOUNT_ID must be 12 digits")
    .default("000000000000"),
  // Encrypts API key secrets at rest: at least 32 bytes, as base64 or base64url text.
  ATTACHE_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, "ATTACHE_ENCRYPTION_KEY must be base64 or base64url text")
    .refine(
      (value) => Buffer.from(value, "base64url").length >= 32,
      "ATTACHE_ENCRYPTION_KEY must hold at least 32 bytes (e.g. `openssl rand -base64 32`)",
    ),
  // ImportWorkspaceMedia from a URL: the hosts ("host" or "host:port") it may fetch from. Empty: URL
  // import is off and only base64 is accepted. Hosts that resolve to loopback, private, link-local or
  // reserved addresses are refused unless those addresses are listed in ATTACHE_MEDIA_URL_ALLOWED_ADDRESSES.
  ATTACHE_MEDIA_URL_HOSTS: ZCommaListSchema,
  // Addresses or CIDR ranges (e.g. "10.1.2.3", "10.0.0.0/8") a media URL may reach although they are not public.
  ATTACHE_MEDIA_URL_ALLOWED_ADDRESSES: ZCommaListSchema,
  ATTACHE_MEDIA_URL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  // Where uploaded files live: "local" (files under ATTACHE_OBJECT_STORE_DIR, served by Attache at
  // signed URLs) or "s3" (any S3-compatible store; browsers upload to it directly).
  ATTACHE_OBJECT_STORE: z
    .enum(["local", "s3"], { error: 'ATTACHE_OBJECT_STORE must be "local" or "s3"' })
    .default("local"),
  ATTACHE_DATA_DIR: z.string().min(1).default(".attache"),
  ATTACHE_OBJECT_STORE_DIR: ZOptionalString,
  ATTACHE_S3_ENDPOINT: ZOptionalString.pipe(
    z.url({ protocol: /^https?$/, error: "ATTACHE_S3_ENDPOINT must be an http:// or https:// URL" }).optional(),
  ),
  ATTACHE_S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "ATTACHE_S3_REGION must be a region name such as us-east-1")
    .default("us-east-1"),
  ATTACHE_S3_BUCKET: ZOptionalString.pipe(
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        "ATTACHE_S3_BUCKET must be a bucket name: 3–63 lowercase letters, digits, dots and hyphens",
      )
      .optional(),
  ),
  ATTACHE_S3_ACCESS_KEY_ID: ZOptionalString,
  ATTACHE_S3_SECRET_ACCESS_KEY: ZOptionalString,
  ATTACHE_S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"], { error: 'ATTACHE_S3_FORCE_PATH_STYLE must be "true" or "false"' })
    .default("false")
    .transform((value) => value === "true"),
  // The virus scanner's webhook (http or https), asked about every uploaded file; unset: no scanning.
  ATTACHE_SCANNER_URL: ZOptionalString.pipe(
    z.url({ protocol: /^https?$/, error: "ATTACHE_SCANNER_URL must be an http:// or https:// URL" }).optional(),
  ),
  ATTACHE_SCANNER_TIMEOUT_MS: ZIntInRange("ATTACHE_SCANNER_TIMEOUT_MS", 100, 60_000, " of milliseconds").default(
    10_000,
  ),
  // How many files one chat contact may attach.
  ATTACHE_CHAT_MAX_ATTACHMENTS: ZIntInRange("ATTACHE_CHAT_MAX_ATTACHMENTS", 1, 1000).default(20),
  // Sessions: signed out after this many idle minutes, and after this many hours whatever happens.
  ATTACHE_SESSION_IDLE_MINUTES: ZIntInRange("ATTACHE_SESSION_IDLE_MINUTES", 5, 10_080, " of minutes").default(60),
  ATTACHE_SESSION_MAX_HOURS: ZIntInRange("ATTACHE_SESSION_MAX_HOURS", 1, 2_160, " of hours").default(12),
  // Creating or rotating API keys and changing roles need a sign-in at the IdP this recent.
  ATTACHE_RECENT_SIGN_IN_MINUTES: ZIntInRange("ATTACHE_RECENT_SIGN_IN_MINUTES", 1, 1_440, " of minutes").default(10),
  // The `prompt` sent with max_age=0 when someone must sign in again (recent sign-in): "login" for most
  // IdPs; Google accepts only consent/select_account, and "max_age_only" sends none.
  OIDC_REAUTH_PROMPT: z
    .enum(["login", "select_account", "consent", "max_age_only"], {
      error: 'OIDC_REAUTH_PROMPT must be "login", "select_account", "consent" or "max_age_only"',
    })
    .default("login"),
  // The ID token claim holding the person's groups (or app roles), read when ATTACHE_OIDC_ROLE_GROUPS is set.
  ATTACHE_OIDC_GROUPS_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_:./-]{1,100}$/, "ATTACHE_OIDC_GROUPS_CLAIM must be a claim name such as groups or roles")
    .default("groups"),
  // "<group>=<role>,…" (e.g. "attache-owners=owner,attache-admins=admin"): at every sign-in, a person in
  // a listed group gets the highest role their groups give. Unset: roles are managed in the console.
  ATTACHE_OIDC_ROLE_GROUPS: z
    .string()
    .default("")
    .transform((value, context) => {
      try {
        return parseRoleGroups(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  // The hosts ("host" or "host:port") API requests may be signed for; a signature for any other host is
  // refused, so a request signed for another endpoint cannot be replayed here. Unset: NEXTAUTH_URL's host.
  ATTACHE_API_HOSTS: ZCommaListSchema,
  // Open connections one client address may hold at once (more are answered 503 and closed); 0 turns
  // the cap off, as behind a proxy whose connections all come from one address.
  ATTACHE_MAX_CONNECTIONS_PER_CLIENT: ZIntInRange("ATTACHE_MAX_CONNECTIONS_PER_CLIENT", 0, 100_000).default(64),
  // Per API key and operation: "<requests>/<seconds>", with optional per-operation overrides,
  // e.g. "20/1,UpdateAttachedFilesConfiguration=5/1".
  ATTACHE_AWS_RATE_LIMITS: z
    .string()
    .default("20/1")
    .transform((value, context) => {
      try {
        return parseRateLimits(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  // `npm run serve` (the app server alone): where it listens. `npm start` passes its own HOST and PORT.
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: ZPortSchema.default(3000),
  // On SIGTERM or SIGINT: how long requests already in flight may take to finish before they are cut.
  ATTACHE_SHUTDOWN_GRACE_SECONDS: ZIntInRange("ATTACHE_SHUTDOWN_GRACE_SECONDS", 0, 3_600, " of seconds").default(20),
  // On SIGTERM or SIGINT: how long /readyz answers 503 while the server still serves, before it drains
  // (so a load balancer stops sending traffic before connections are refused).
  ATTACHE_SHUTDOWN_DELAY_SECONDS: ZIntInRange("ATTACHE_SHUTDOWN_DELAY_SECONDS", 0, 600, " of seconds").default(0),
  // `npm run serve`: apply pending migrations at start (under an advisory lock, so several servers
  // starting at once migrate once), or "false" to refuse to start on an outdated schema (migrations
  // run by CI/CD with `npm run db:migrate`, as a role the app's own role needn't be).
  ATTACHE_MIGRATE_ON_START: z
    .enum(["true", "false"], { error: 'ATTACHE_MIGRATE_ON_START must be "true" or "false"' })
    .default("true")
    .transform((value) => value === "true"),
});
export type TServerEnv = z.infer<typeof ZServerEnvSchema>;

type TEnvSource = Record<string, string | undefined>;

export type TRateLimit = { points: number; durationSeconds: number };
export type TRateLimits = { default: TRateLimit; operations: Record<string, TRateLimit> };

/** "20/1,UpdateAttachedFilesConfiguration=5/1" → a default and per-operation limits. */
export function parseRateLimits(text: string): TRateLimits {
  const limits: TRateLimits = { default: { points: 20, durationSeconds: 1 }, operations: {} };
  for (const part of text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^(?:([A-Za-z]+)=)?(\d+)\/(\d+)$/.exec(part);
    const points = Number(match?.[2]);
    const durationSeconds = Number(match?.[3]);
    if (!match || points < 1 || durationSeconds < 1) {
      throw new Error(
        `ATTACHE_AWS_RATE_LIMITS: "${part}" is not "<requests>/<seconds>" or "<Operation>=<requests>/<seconds>"`,
      );
    }
    if (match[1]) limits.operations[match[1]] = { points, durationSeconds };
    else limits.default = { points, durationSeconds };
  }
  return limits;
}

export type TRoleGroups = Array<{ group: string; role: TRole }>;

/** "attache-owners=owner, attache-admins=admin" → [{ group, role }]; groups compare exactly (case matters). */
export function parseRoleGroups(text: string): TRoleGroups {
  const mapping: TRoleGroups = [];
  for (const part of text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const separator = part.lastIndexOf("=");
    const group = part.slice(0, separator).trim();
    const role = part
      .slice(separator + 1)
      .trim()
      .toLowerCase();
    if (separator < 1 || !group || group.length > 256 || !(ROLES as readonly string[]).includes(role)) {
      throw new Error(`ATTACHE_OIDC_ROLE_GROUPS: "${part}" is not "<group>=<role>" with a role of ${ROLES.join(", ")}`);
    }
    mapping.push({ group, role: role as TRole });
  }
  return mapping;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The hosts SigV4 signatures may name: ATTACHE_API_HOSTS, else NEXTAUTH_URL's host — and when that
 * is a loopback name, the other loopback names on the same port too, so a local script may use
 * http://127.0.0.1:3000 or http://localhost:3000 alike (nothing else can reach a loopback address).
 */
export function apiHosts(env: TServerEnv = serverEnv()): string[] {
  if (env.ATTACHE_API_HOSTS.length) return env.ATTACHE_API_HOSTS;
  const url = new URL(env.NEXTAUTH_URL);
  const host = url.host.toLowerCase();
  if (!LOOPBACK_NAMES.includes(url.hostname.toLowerCase())) return [host];
  return LOOPBACK_NAMES.map((name) => (url.port ? `${name}:${url.port}` : name));
}

export class EnvError extends Error {}

function parseEnv<T extends z.ZodType>(schema: T, source: TEnvSource) {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data as z.infer<T>;
}

export function launchEnv(source: TEnvSource = process.env): TLaunchEnv {
  return parseEnv(ZLaunchEnvSchema, source);
}

let cachedServerEnv: TServerEnv | undefined;

/** Validated once, on first use. */
export function serverEnv(): TServerEnv {
  cachedServerEnv ??= parseServerEnv(process.env);
  return cachedServerEnv;
}

export function parseServerEnv(source: TEnvSource): TServerEnv {
  const env = parseEnv(ZServerEnvSchema, source);
  // The rules that span variables, checked with the rest.
  objectStoreConfig(env);
  return env;
}

/** Demo data (instance, invitations for the demo people) only where the dev IdP and embedded database run. */
export function seedsDemoData(env: TLaunchEnv): boolean {
  if (env.ATTACHE_SEED_DEMO) return env.ATTACHE_SEED_DEMO === "true";
  return !env.DATABASE_URL && !env.OIDC_ISSUER;
}

const isTrue = (value: string | undefined) => {
  const normalized = value?.trim().toLowerCase();
  return Boolean(normalized) && normalized !== "false" && normalized !== "0";
};

/**
 * The browser the end-to-end tests drive, read by the Playwright config and scripts/ensure-browser;
 * `screenshots` adds the project that writes docs/screenshots (`npm run screenshots`).
 */
export function testBrowserEnv(source: TEnvSource = process.env) {
  return {
    chromiumPath: source.CHROMIUM_PATH || undefined,
    ci: isTrue(source.CI),
    screenshots: isTrue(source.ATTACHE_SCREENSHOTS),
  };
}

/** The environment as it is, for the launcher to hand on to the Next.js process it starts. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}

/** Region and account used in instance ARNs. */
export function arnContext(source: TEnvSource = process.env) {
  const parsed = parseEnv(ZServerEnvSchema.pick({ ATTACHE_AWS_REGION: true, ATTACHE_AWS_ACCOUNT_ID: true }), source);
  return { region: parsed.ATTACHE_AWS_REGION, accountId: parsed.ATTACHE_AWS_ACCOUNT_ID };
}

/**
 * The database timeouts (ATTACHE_DB_*_TIMEOUT_SECONDS) in milliseconds, read on their own: scripts and
 * tests open databases where the rest of the server environment is not set.
 */
export function databaseTimeouts(source: TEnvSource = process.env) {
  const parsed = parseEnv(
    ZServerEnvSchema.pick({ ATTACHE_DB_CONNECT_TIMEOUT_SECONDS: true, ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS: true }),
    source,
  );
  return {
    connectTimeoutMs: parsed.ATTACHE_DB_CONNECT_TIMEOUT_SECONDS * 1000,
    statementTimeoutMs: parsed.ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS * 1000,
  };
}

/** Where ImportWorkspaceMedia may fetch a URL from (see ATTACHE_MEDIA_URL_* above). */
export function mediaUrlPolicy(env: TServerEnv = serverEnv()) {
  return {
    // Unset: the S3-compatible store's own host, where the console's uploaded images are.
    allowedHosts: env.ATTACHE_MEDIA_URL_HOSTS.length ? env.ATTACHE_MEDIA_URL_HOSTS : objectStoreHosts(env),
    allowedAddresses: env.ATTACHE_MEDIA_URL_ALLOWED_ADDRESSES,
    timeoutMs: env.ATTACHE_MEDIA_URL_TIMEOUT_MS,
  };
}

export type TObjectStoreConfig =
  | { driver: "local"; directory: string }
  | {
      driver: "s3";
      bucket: string;
      region: string;
      endpoint?: string;
      credentials?: { accessKeyId: string; secretAccessKey: string };
      forcePathStyle: boolean;
    };

/** The object store ATTACHE_OBJECT_STORE and its variables describe (see src/server/storage). */
export function objectStoreConfig(env: TServerEnv = serverEnv()): TObjectStoreConfig {
  if (env.ATTACHE_OBJECT_STORE === "local") {
    return {
      driver: "local",
      // A runtime directory, not a source path: the ignore keeps Next's build from tracing the whole project.
      directory: path.resolve(
        /*turbopackIgnore: true*/ env.ATTACHE_OBJECT_STORE_DIR ?? path.join(env.ATTACHE_DATA_DIR, "objects"),
      ),
    };
  }
  if (!env.ATTACHE_S3_BUCKET) throw new EnvError("Set ATTACHE_S3_BUCKET when ATTACHE_OBJECT_STORE is s3.");
  const accessKeyId = env.ATTACHE_S3_ACCESS_KEY_ID;
  const secretAccessKey = env.ATTACHE_S3_SECRET_ACCESS_KEY;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new EnvError(
      "Set both ATTACHE_S3_ACCESS_KEY_ID and ATTACHE_S3_SECRET_ACCESS_KEY, or neither (the AWS default credential chain).",
    );
  }
  return {
    driver: "s3",
    bucket: env.ATTACHE_S3_BUCKET,
    region: env.ATTACHE_S3_REGION,
    ...(env.ATTACHE_S3_ENDPOINT ? { endpoint: env.ATTACHE_S3_ENDPOINT } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    forcePathStyle: env.ATTACHE_S3_FORCE_PATH_STYLE,
  };
}

/** The host ("host" or "host:port") of the s3 driver's presigned URLs when a custom endpoint is set. */
function objectStoreHosts(env: TServerEnv): string[] {
  if (env.ATTACHE_OBJECT_STORE !== "s3" || !env.ATTACHE_S3_ENDPOINT || !env.ATTACHE_S3_BUCKET) return [];
  const host = new URL(env.ATTACHE_S3_ENDPOINT).host.toLowerCase();
  return [env.ATTACHE_S3_FORCE_PATH_STYLE ? host : `${env.ATTACHE_S3_BUCKET}.${host}`];
}

/** The bootstrap API key `npm start` ensures, when both halves are set. */
export function bootstrapApiKey(env: TLaunchEnv) {
  const accessKeyId = env.ATTACHE_BOOTSTRAP_ACCESS_KEY_ID;
  const secretAccessKey = env.ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY;
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    throw new EnvError("Set both ATTACHE_BOOTSTRAP_ACCESS_KEY_ID and ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY, or neither.");
  }
  return { accessKeyId, secretAccessKey };
}

/** Where the integration tests run their own embedded PostgreSQL. */
export function testDatabaseEnv(source: TEnvSource = process.env) {
  const parsed = parseEnv(
    z.object({
      ATTACHE_DATA_DIR: z.string().min(1).default(".attache"),
      ATTACHE_TEST_PG_PORT: ZPortSchema.default(54339),
    }),
    source,
  );
  return { dataDir: parsed.ATTACHE_DATA_DIR, port: parsed.ATTACHE_TEST_PG_PORT };
}
