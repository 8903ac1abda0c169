/**
 * Bounds of the console's tRPC endpoint, shared by the server (which enforces them) and the browser
 * client (which batches no more calls than the server accepts).
 */

/** The most calls one batched tRPC request may carry; the browser's httpBatchLink uses it as maxItems. */
export const TRPC_MAX_BATCH_SIZE = 10;

/** The largest tRPC request body the server reads (1 MiB); a larger one is refused with 413. */
export const TRPC_MAX_BODY_BYTES = 1024 * 1024;
