import type { IncomingMessage, ServerResponse } from "node:http";
import { serveWithFetchHandler, type TFetchHandler } from "@/server/http/node-fetch";
import { AwsError, awsErrorResponse } from "./aws-errors";
import { AWS_API_METHODS, methodNotAllowed } from "./handler";

/**
 * Serves the AWS API handler on a Node request: a method fetch cannot carry (TRACE) gets the same
 * modelled 405 the handler gives any other method it does not serve, and a failure a modelled 500;
 * the returned promise never rejects.
 */
export function serveAwsApi(handler: TFetchHandler, incoming: IncomingMessage, outgoing: ServerResponse) {
  return serveWithFetchHandler(handler, incoming, outgoing, {
    methodNotAllowed: (method) => awsErrorResponse(methodNotAllowed(method, AWS_API_METHODS), crypto.randomUUID()),
    failed: () =>
      awsErrorResponse(
        new AwsError("InternalServiceException", "The service could not complete the request. Try again."),
        crypto.randomUUID(),
      ),
  });
}
