import type { TSignedRequest } from "../auth/sigv4";
import type { TServiceErrors } from "./errors";
import type { TOperation } from "./operation";

/** Who is calling, as a service's authentication found it. */
export type TAuthenticated<TActor> = {
  actor: TActor;
  /** Whose budget the call counts against (an API key, a chat participant). */
  rateLimitKey: string;
  /** Runs once the call is admitted (past its rate limit), e.g. to record a key's last use and where from. */
  admitted?: (use: { at: Date; clientAddress: string | null }) => Promise<void>;
};

/**
 * One AWS service served by the protocol core (STYLE.md, "AWS layer"): its SigV4 signing name, how
 * it authenticates a request, its modelled errors, and its operations.
 */
export type TAwsService<TActor> = {
  name: string;
  /** The name in the SigV4 credential scope the service's SDK signs with. */
  signingName: string;
  errors: TServiceErrors;
  operations: readonly TOperation<TActor>[];
  authenticate: (request: TSignedRequest, at: Date) => Promise<TAuthenticated<TActor>>;
  ready?: Promise<void>;
  close?: () => Promise<void>;
};

/** Erases the actor type so services with different callers share one route table. */
// biome-ignore lint/suspicious/noExplicitAny: each service's operations only ever meet its own actor
export type TAnyAwsService = TAwsService<any>;
