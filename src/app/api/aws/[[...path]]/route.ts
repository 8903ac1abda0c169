import { serverEnv } from "@/env";
import { createAwsHandler } from "@/server/aws/handler";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

let handler: ReturnType<typeof createAwsHandler> | undefined;

/** The Amazon Connect-compatible API; see src/server/aws/handler.ts. */
function handle(request: Request) {
  const env = serverEnv();
  handler ??= createAwsHandler({
    db: getDb(),
    serverKey: env.ATTACHE_ENCRYPTION_KEY,
    rateLimits: env.ATTACHE_AWS_RATE_LIMITS,
    prefix: "/api/aws",
    consoleUrl: env.NEXTAUTH_URL,
  });
  return handler(request);
}

export {
  handle as DELETE,
  handle as GET,
  handle as HEAD,
  handle as OPTIONS,
  handle as PATCH,
  handle as POST,
  handle as PUT,
};
