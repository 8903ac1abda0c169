/** What the benchmark measures, and the messages between run.ts, drive.ts and baseline.ts. */

export const OPERATIONS = [
  "DescribeAttachedFilesConfiguration",
  "UpdateAttachedFilesConfiguration",
  "ListInstances",
  "policy.forInstance",
] as const;
export type TOperation = (typeof OPERATIONS)[number];

/** Short names accepted by --only, besides the full names (case-insensitive). */
export const OPERATION_ALIASES: Record<string, TOperation> = {
  describe: "DescribeAttachedFilesConfiguration",
  update: "UpdateAttachedFilesConfiguration",
  list: "ListInstances",
  listinstances: "ListInstances",
  policy: "policy.forInstance",
  trpc: "policy.forInstance",
};

export const READ_OPERATIONS: readonly TOperation[] = [
  "DescribeAttachedFilesConfiguration",
  "ListInstances",
  "policy.forInstance",
];

export const TARGETS = ["attache", "baseline"] as const;
export type TTarget = (typeof TARGETS)[number];

export const AWS_API_PREFIX = "/api/aws";
/** The console's tRPC endpoint; the browser client uses httpBatchLink, so queries go out as ?batch=1. */
export const TRPC_PREFIX = "/api/trpc";
/** next-auth's database session cookie over http (no __Secure- prefix unless NEXTAUTH_URL is https). */
export const SESSION_COOKIE = "next-auth.session-token";

export const configurationPath = (instanceId: string, scope: string) =>
  `${AWS_API_PREFIX}/attached-files-configurations/${encodeURIComponent(instanceId)}/${encodeURIComponent(scope)}`;
export const LIST_INSTANCES_PATH = `${AWS_API_PREFIX}/instance`;
/** Exactly what @trpc/client's httpBatchLink (with superjson) requests for policy.forInstance. */
export const policyForInstancePath = (instanceId: string) =>
  `${TRPC_PREFIX}/policy.forInstance?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { instanceId } } }))}`;

export type TDriverSetup = {
  /** Origins, loopback only, e.g. http://127.0.0.1:3200. */
  origins: Record<TTarget, string>;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  instanceId: string;
  scope: string;
  sessionToken: string;
};

export type TRunRequest = {
  target: TTarget;
  operation: TOperation;
  connections: number;
  durationSeconds: number;
};

export type TRunFigures = TRunRequest & {
  /** As measured by autocannon (seconds). */
  elapsedSeconds: number;
  /** Responses received, whatever their status. */
  responses: number;
  requestsPerSecond: number;
  /** Latency of every response (any status), in milliseconds, with microsecond resolution. */
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  non2xx: number;
  status4xx: number;
  status5xx: number;
  /** Connection errors and timeouts (requests that got no response). */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** How many distinct pre-signed requests were cycled. */
  poolSize: number;
};

export type TVerification = { operation: TOperation; status: number; summary: string }[];

export type TDriverApi = {
  setup: { input: TDriverSetup; output: null };
  verify: { input: { target: TTarget }; output: TVerification };
  run: { input: TRunRequest; output: TRunFigures };
};

export type TBaselineConfig = {
  port: number;
  databaseUrl: string;
  /** The API key whose id and label the baseline writes into history rows, as Attache does. */
  accessKeyId: string;
  consoleUrl: string;
  poolSize: number;
};

export type TBaselineApi = {
  start: { input: TBaselineConfig; output: { origin: string } };
};
