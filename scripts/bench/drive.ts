/**
 * The load driver, a child process of run.ts so it shares an event loop with neither server. For
 * each run it signs a fresh pool of requests (SigV4 signatures are valid for ±5 minutes), then drives
 * one target with autocannon and reports its figures. Before measuring, `verify` sends one request of
 * each kind and fails with the response body unless each is 2xx and says what it should.
 */
import type { EventEmitter } from "node:events";
import http from "node:http";
import autocannon from "autocannon";
import { serveIpc } from "./ipc";
import {
  configurationPath,
  LIST_INSTANCES_PATH,
  policyForInstancePath,
  SESSION_COOKIE,
  type TDriverApi,
  type TDriverSetup,
  type TOperation,
  type TRunFigures,
  type TRunRequest,
  type TTarget,
  type TVerification,
} from "./protocol";
import { createSigner, signAwsRequest, type TSigner, type TWireRequest } from "./sign";

/** Distinct signed requests per run, cycled across all connections. */
const POOL_SIZE = 4096;
/** 100 MB, the largest MaximumSizeLimitInBytes the model allows. */
const MAX_SIZE = 104_857_600;
/** Consecutive sizes step by this much (mod MAX_SIZE): no value repeats within 524,288 updates. */
const SIZE_STEP = 25_000;
/** Latency samples kept per run (8 bytes each); beyond it the percentiles use the first ones. */
const MAX_SAMPLES = 4_000_000;
const REQUEST_TIMEOUT_SECONDS = 10;

let setup: TDriverSetup | undefined;
let signer: TSigner | undefined;
/** Every update request gets the next size, so no two consecutive writes set the same value. */
let sizeSerial = Math.floor(Math.random() * 1_000_000);

function nextSize(): number {
  sizeSerial += 1;
  return 1 + ((sizeSerial * SIZE_STEP) % MAX_SIZE);
}

function configured() {
  if (!setup || !signer) throw new Error("The driver has not been set up.");
  return { setup, signer };
}

function originOf(target: TTarget): URL {
  const origin = new URL(configured().setup.origins[target]);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(origin.hostname)) {
    throw new Error(`Refusing to send load to ${origin.hostname}: the benchmark only talks to loopback.`);
  }
  return origin;
}

/** One request of `operation`, signed now (AWS operations) or carrying the session cookie (tRPC). */
async function buildRequest(target: TTarget, operation: TOperation, size = nextSize()): Promise<TWireRequest> {
  const { setup, signer } = configured();
  const origin = originOf(target);
  switch (operation) {
    case "DescribeAttachedFilesConfiguration":
      return signAwsRequest(signer, origin, { method: "GET", path: configurationPath(setup.instanceId, setup.scope) });
    case "UpdateAttachedFilesConfiguration":
      return signAwsRequest(signer, origin, {
        method: "POST",
        path: configurationPath(setup.instanceId, setup.scope),
        body: JSON.stringify({ MaximumSizeLimitInBytes: size }),
      });
    case "ListInstances":
      return signAwsRequest(signer, origin, { method: "GET", path: LIST_INSTANCES_PATH });
    case "policy.forInstance":
      return {
        method: "GET",
        path: policyForInstancePath(setup.instanceId),
        headers: {
          host: origin.host,
          cookie: `${SESSION_COOKIE}=${setup.sessionToken}`,
          accept: "*/*",
          "content-type": "application/json",
        },
      };
  }
}

async function buildPool(target: TTarget, operation: TOperation): Promise<TWireRequest[]> {
  // The cookie request does not change from one request to the next.
  const size = operation === "policy.forInstance" ? 1 : POOL_SIZE;
  const pool: TWireRequest[] = [];
  for (let index = 0; index < size; index++) pool.push(await buildRequest(target, operation));
  return pool;
}

/** One request over node:http, exactly as autocannon would send it; bounded by a timeout. */
function sendOnce(target: TTarget, request: TWireRequest): Promise<{ status: number; body: string }> {
  const origin = originOf(target);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: origin.hostname,
        port: Number(origin.port),
        method: request.method,
        path: request.path,
        headers: request.headers,
        timeout: REQUEST_TIMEOUT_SECONDS * 1000,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () =>
          resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        incoming.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`No answer within ${REQUEST_TIMEOUT_SECONDS} s.`)));
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type TJson = Record<string, unknown> | undefined;

/** Sends one request of each kind; throws with the response unless it is 2xx and says what it should. */
async function verify(target: TTarget): Promise<TVerification> {
  const { setup } = configured();
  const size = nextSize();
  const checks: Array<{ operation: TOperation; check: (json: unknown) => string | null }> = [
    {
      operation: "UpdateAttachedFilesConfiguration",
      check: (json) =>
        (json as TJson)?.MaximumSizeLimitInBytes === size ? null : `expected MaximumSizeLimitInBytes ${size}`,
    },
    {
      operation: "DescribeAttachedFilesConfiguration",
      check: (json) => {
        const configuration = (json as TJson)?.AttachedFilesConfiguration as TJson;
        return configuration?.MaximumSizeLimitInBytes === size && configuration?.AttachmentScope === setup.scope
          ? null
          : `expected the ${setup.scope} configuration with MaximumSizeLimitInBytes ${size}`;
      },
    },
    {
      operation: "ListInstances",
      check: (json) => {
        const list = (json as TJson)?.InstanceSummaryList;
        return Array.isArray(list) && list.some((item: TJson) => item?.Id === setup.instanceId)
          ? null
          : `expected InstanceSummaryList to include ${setup.instanceId}`;
      },
    },
    {
      operation: "policy.forInstance",
      check: (json) => {
        const data = ((Array.isArray(json) ? json[0] : undefined) as TJson)?.result as TJson;
        const policies = ((data?.data as TJson)?.json as TJson)?.policies;
        return Array.isArray(policies) &&
          policies.length === 4 &&
          policies.some((policy: TJson) => policy?.scope === setup.scope && policy?.maximumSizeLimitInBytes === size)
          ? null
          : `expected four policies, ${setup.scope} with maximumSizeLimitInBytes ${size}`;
      },
    },
  ];
  const verified: TVerification = [];
  for (const { operation, check } of checks) {
    const request = await buildRequest(target, operation, size);
    const response = await sendOnce(target, request);
    const problem =
      response.status >= 200 && response.status < 300
        ? check(parseJson(response.body))
        : `expected a 2xx status, got ${response.status}`;
    if (problem) {
      throw new Error(
        `${target} ${operation} (${request.method} ${request.path}): ${problem}.\nResponse ${response.status}: ${response.body.slice(0, 2000)}`,
      );
    }
    verified.push({ operation, status: response.status, summary: `${response.body.length} bytes` });
  }
  return verified;
}

/** Latencies with microsecond resolution (autocannon's own histogram keeps whole milliseconds). */
class LatencyRecorder {
  private samples = new Float64Array(1 << 16);
  count = 0;

  record(milliseconds: number) {
    if (this.count === this.samples.length) {
      if (this.count >= MAX_SAMPLES) return;
      const grown = new Float64Array(Math.min(this.samples.length * 2, MAX_SAMPLES));
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = milliseconds;
  }

  summary() {
    const sorted = this.samples.slice(0, this.count).sort();
    const at = (fraction: number) => sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
    let total = 0;
    for (const value of sorted) total += value;
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return {
      p50: round(at(0.5)),
      p90: round(at(0.9)),
      p99: round(at(0.99)),
      mean: round(sorted.length ? total / sorted.length : 0),
      max: round(sorted.at(-1) ?? 0),
    };
  }
}

async function run(request: TRunRequest): Promise<TRunFigures> {
  const pool = await buildPool(request.target, request.operation);
  let cursor = 0;
  const latencies = new LatencyRecorder();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: originOf(request.target).origin,
        connections: request.connections,
        duration: request.durationSeconds,
        timeout: REQUEST_TIMEOUT_SECONDS,
        pipelining: 1,
        // One entry whose setupRequest takes the next pre-signed request of the shared pool, so that
        // no two connections send the same update at the same time.
        requests: [
          {
            setupRequest: (defaults) => {
              const next = pool[cursor++ % pool.length] as TWireRequest;
              return {
                ...defaults,
                method: next.method,
                path: next.path,
                headers: { ...next.headers },
                body: next.body,
              };
            },
          },
        ],
      },
      (error: unknown, finished: autocannon.Result) => (error ? reject(error) : resolve(finished)),
    );
    // The tracker emits (client, statusCode, bytes, milliseconds); @types/autocannon omits the client.
    (instance as unknown as EventEmitter).on("response", (...args: unknown[]) => latencies.record(Number(args[3])));
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  return {
    ...request,
    elapsedSeconds: result.duration,
    responses: result.requests.total,
    requestsPerSecond: Math.round((result.requests.total / Math.max(result.duration, 0.001)) * 10) / 10,
    latencyMs: latencies.summary(),
    non2xx: result.non2xx,
    status4xx: result["4xx"],
    status5xx: result["5xx"],
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    poolSize: pool.length,
  };
}

serveIpc<TDriverApi>({
  setup: async (input) => {
    setup = input;
    signer = createSigner(input.credentials, input.region);
    for (const target of Object.keys(input.origins) as TTarget[]) originOf(target);
    return null;
  },
  verify: ({ target }) => verify(target),
  run,
});
