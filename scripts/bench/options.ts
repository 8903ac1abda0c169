import { parseArgs } from "node:util";
import { OPERATION_ALIASES, OPERATIONS, type TOperation } from "./protocol";

export type TBenchOptions = {
  runs: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number[];
  operations: TOperation[];
  /** Where the JSON report goes; by default .attache/bench/report-<timestamp>.json and report.json. */
  out: string | undefined;
};

export const USAGE = `Usage: npm run bench -- [options]

  --runs N              measured runs per operation, connections and target (default 3; the median is reported)
  --duration S          seconds per measured run (default 10)
  --warmup S            seconds of warm-up per operation and target before measuring (default 5; 0 skips it)
  --connections 10,50   autocannon connection counts (default 10,50)
  --only OP[,OP]        operations: describe, update, list, policy (or their full names)
  --out FILE            write the JSON report to FILE only
  --help                this text`;

export class UsageError extends Error {}

function integerIn(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${text}").`);
  }
  return value;
}

function operationNamed(text: string): TOperation {
  const lower = text.trim().toLowerCase();
  const match = OPERATIONS.find((operation) => operation.toLowerCase() === lower) ?? OPERATION_ALIASES[lower];
  if (!match) {
    throw new UsageError(`--only: unknown operation "${text}"; use describe, update, list, policy or a full name.`);
  }
  return match;
}

/** Parses the command line; throws UsageError (or returns null for --help). */
export function parseOptions(argv: string[]): TBenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      only: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const runs = Math.floor(integerIn("runs", values.runs ?? "3", 1, 20));
  const durationSeconds = integerIn("duration", values.duration ?? "10", 1, 120);
  const warmupSeconds = integerIn("warmup", values.warmup ?? "5", 0, 30);
  const connections = [
    ...new Set(
      (values.connections ?? "10,50").split(",").map((part) => integerIn("connections", part.trim(), 1, 1000)),
    ),
  ].map(Math.floor);
  const operations = values.only
    ? OPERATIONS.filter((operation) => values.only?.split(",").map(operationNamed).includes(operation))
    : [...OPERATIONS];
  return { runs, durationSeconds, warmupSeconds, connections, operations, out: values.out };
}
