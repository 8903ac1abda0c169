/**
 * Signs Amazon Connect requests the way @aws-sdk/client-connect does (SigV4 with @smithy/signature-v4,
 * service "connect"): the same headers (spec §2.2), the same signed header set (§2.3), the body hash in
 * X-Amz-Content-Sha256. Content-Length is signed but left out of the returned headers, because the
 * sender (autocannon, node:http) writes it itself from the body.
 */
import { randomUUID } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";

/** A request ready to send: what autocannon's `requests` and node:http both take. */
export type TWireRequest = {
  method: "GET" | "POST";
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string>;
  body?: string;
};

const SDK_VERSION = "3.1136.0";

export function createSigner(credentials: { accessKeyId: string; secretAccessKey: string }, region: string) {
  return new SignatureV4({
    credentials,
    region,
    service: "connect",
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: true,
  });
}

export type TSigner = ReturnType<typeof createSigner>;

export async function signAwsRequest(
  signer: TSigner,
  origin: URL,
  request: { method: "GET" | "POST"; path: string; body?: string },
): Promise<TWireRequest> {
  const headers: Record<string, string> = {
    host: origin.host,
    "x-amz-user-agent": `aws-sdk-js/${SDK_VERSION}`,
    "amz-sdk-invocation-id": randomUUID(),
    "amz-sdk-request": "attempt=1; max=3",
  };
  if (request.body !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(request.body));
  }
  const signed = await signer.sign({
    method: request.method,
    protocol: origin.protocol,
    hostname: origin.hostname,
    port: origin.port ? Number(origin.port) : undefined,
    path: request.path,
    query: {},
    headers,
    body: request.body,
  });
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name.toLowerCase() !== "content-length") sent[name] = String(value);
  }
  sent["user-agent"] =
    `aws-sdk-js/${SDK_VERSION} ua/2.1 lang/js md/nodejs#${process.versions.node} api/connect#${SDK_VERSION} (attache-bench)`;
  return { method: request.method, path: request.path, headers: sent, body: request.body };
}
