import type { TRateLimits } from "@/env";
import type { TDb } from "@/server/db";
import { DEFAULT_FILE_CHECKS, type TFileChecks } from "@/server/files/files";
import type { TObjectStore } from "@/server/storage/object-store";
import type { TMediaUrlPolicy } from "@/server/workspaces/media";
import { createConnectService } from "./connect/service";
import { createParticipantService } from "./participant/service";
import { createProtocolHandler, type TAwsApi } from "./protocol/handler";
import { createRateLimiter } from "./protocol/rate-limit";

const MEDIA_URL_IMPORT_OFF: TMediaUrlPolicy = { allowedHosts: [], allowedAddresses: [], timeoutMs: 5_000 };

/** Where the API is served, in front of Next.js (see scripts/serve.ts). */
export const AWS_API_PREFIX = "/api/aws";

export function isAwsApiPath(requestTarget: string): boolean {
  const path = requestTarget.split("?")[0] ?? "";
  return path === AWS_API_PREFIX || path.startsWith(`${AWS_API_PREFIX}/`);
}

export type TAwsHandlerOptions = {
  db: TDb;
  /** The server key that API key secrets are sealed with. */
  serverKey: string;
  rateLimits: TRateLimits;
  /** Where the API is mounted, e.g. "/api/aws". */
  prefix: string;
  /** The console's base URL, for InstanceAccessUrl and the URLs of stored media. */
  consoleUrl: string;
  /** Where uploaded files are stored. */
  objects: TObjectStore;
  /** The optional scanner webhook and the chat attachment bound. */
  fileChecks?: TFileChecks;
  /** Where ImportWorkspaceMedia may fetch a URL from; by default URL import is off. */
  mediaUrlPolicy?: TMediaUrlPolicy;
  /**
   * The hosts ("host" or "host:port") SigV4 requests may be signed for: this deployment's own
   * (`apiHosts(env)`); a request signed for any other is refused with AccessDeniedException.
   * Absent: any host (tests that do not test it).
   */
  allowedHosts?: readonly string[];
  now?: () => Date;
};

/**
 * Attache's Amazon Connect-compatible API: the Connect service (SigV4 API keys) and the Connect
 * Participant service (chat bearer tokens) on one protocol core, sharing the rate limits.
 */
export function createAwsHandler(options: TAwsHandlerOptions): TAwsApi {
  const now = options.now ?? (() => new Date());
  const services = [
    createConnectService({ db: options.db, serverKey: options.serverKey, now, allowedHosts: options.allowedHosts }),
    createParticipantService({ db: options.db }),
  ];
  const limiter = createRateLimiter({
    db: options.db,
    limits: options.rateLimits,
    operations: services.flatMap((service) => service.operations.map((operation) => operation.name)),
    now: () => now().getTime(),
  });
  return createProtocolHandler({
    services,
    prefix: options.prefix,
    limiter,
    deps: {
      db: options.db,
      consoleUrl: options.consoleUrl,
      mediaUrlPolicy: options.mediaUrlPolicy ?? MEDIA_URL_IMPORT_OFF,
      objects: options.objects,
      fileChecks: options.fileChecks ?? DEFAULT_FILE_CHECKS,
      now,
    },
  });
}
