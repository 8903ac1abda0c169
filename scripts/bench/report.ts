/** Medians, the targets, the printed table and the JSON report. */
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TBenchOptions } from "./options";
import { READ_OPERATIONS, type TOperation, type TRunFigures, type TTarget } from "./protocol";

export type TTargetSummary = {
  runs: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Totals over the runs. */
  non2xx: number;
  status5xx: number;
  errors: number;
};

export type TSummary = {
  operation: TOperation;
  connections: number;
  attache: TTargetSummary;
  baseline: TTargetSummary;
  /** Attache req/s ÷ baseline req/s (medians). */
  ratio: number | null;
};

export type TTargetCheck = { description: string; value: string; met: boolean | null };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return 0;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function summarise(runs: TRunFigures[]): TTargetSummary {
  return {
    runs: runs.length,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    latencyP50Ms: median(runs.map((run) => run.latencyMs.p50)),
    latencyP99Ms: median(runs.map((run) => run.latencyMs.p99)),
    non2xx: sum(runs.map((run) => run.non2xx)),
    status5xx: sum(runs.map((run) => run.status5xx)),
    errors: sum(runs.map((run) => run.errors)),
  };
}

export function summarize(runs: TRunFigures[], operations: TOperation[], connections: number[]): TSummary[] {
  const summaries: TSummary[] = [];
  for (const operation of operations) {
    for (const connectionCount of connections) {
      const of = (target: TTarget) =>
        summarise(
          runs.filter(
            (run) => run.operation === operation && run.connections === connectionCount && run.target === target,
          ),
        );
      const attache = of("attache");
      const baseline = of("baseline");
      if (!attache.runs && !baseline.runs) continue;
      const ratio =
        baseline.requestsPerSecond > 0
          ? Math.round((attache.requestsPerSecond / baseline.requestsPerSecond) * 1000) / 1000
          : null;
      summaries.push({ operation, connections: connectionCount, attache, baseline, ratio });
    }
  }
  return summaries;
}

/** The targets: throughput relative to the baseline, read latency, and no 5xx. */
const RATIO_TARGETS: Array<{ operation: TOperation; connections: number; min: number }> = [
  { operation: "DescribeAttachedFilesConfiguration", connections: 10, min: 0.5 },
  { operation: "ListInstances", connections: 10, min: 0.5 },
  { operation: "UpdateAttachedFilesConfiguration", connections: 10, min: 0.3 },
  { operation: "policy.forInstance", connections: 10, min: 0.3 },
];
const READ_P99_CONNECTIONS = 50;
const READ_P99_MAX_MS = 25;

export function checkTargets(summaries: TSummary[], operations: TOperation[]): TTargetCheck[] {
  const find = (operation: TOperation, connections: number) =>
    summaries.find((summary) => summary.operation === operation && summary.connections === connections);
  const checks: TTargetCheck[] = [];
  for (const target of RATIO_TARGETS.filter((item) => operations.includes(item.operation))) {
    const ratio = find(target.operation, target.connections)?.ratio;
    checks.push({
      description: `${target.operation} at ${target.connections} connections: ratio ≥ ${target.min}`,
      value: ratio == null ? "not measured" : ratio.toFixed(2),
      met: ratio == null ? null : ratio >= target.min,
    });
  }
  for (const operation of READ_OPERATIONS.filter((item) => operations.includes(item))) {
    const p99 = find(operation, READ_P99_CONNECTIONS)?.attache.latencyP99Ms;
    checks.push({
      description: `${operation} at ${READ_P99_CONNECTIONS} connections: Attache p99 ≤ ${READ_P99_MAX_MS} ms`,
      value: p99 == null ? "not measured" : `${p99.toFixed(1)} ms`,
      met: p99 == null ? null : p99 <= READ_P99_MAX_MS,
    });
  }
  for (const operation of operations) {
    const measured = summaries.filter((summary) => summary.operation === operation);
    const count = sum(measured.map((summary) => summary.attache.status5xx));
    checks.push({
      description: `${operation}: no 5xx from Attache`,
      value: measured.length ? `${count} × 5xx` : "not measured",
      met: measured.length ? count === 0 : null,
    });
  }
  return checks;
}

const SHORT_NAMES: Record<TOperation, string> = {
  DescribeAttachedFilesConfiguration: "Describe",
  UpdateAttachedFilesConfiguration: "Update",
  ListInstances: "ListInstances",
  "policy.forInstance": "policy.forInstance",
};

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows
    .map((row, index) => {
      const line = row.map((cell, column) =>
        (column < 2 ? cell.padEnd : cell.padStart).call(cell, widths[column] ?? 0),
      );
      const text = line.join("  ");
      return index === 0 ? `${text}\n${widths.map((width) => "-".repeat(width)).join("  ")}` : text;
    })
    .join("\n");
}

const ms = (value: number) => value.toFixed(2);
const rps = (value: number) => value.toFixed(0);

export function formatSummary(summaries: TSummary[], checks: TTargetCheck[], runs: number): string {
  const rows = [
    [
      "Operation",
      "Conn",
      "Attache r/s",
      "Base r/s",
      "Ratio",
      "A p50 ms",
      "A p99 ms",
      "B p50 ms",
      "B p99 ms",
      "A non-2xx",
      "A 5xx",
      "B non-2xx",
      "B 5xx",
    ],
    ...summaries.map((summary) => [
      SHORT_NAMES[summary.operation],
      String(summary.connections),
      rps(summary.attache.requestsPerSecond),
      rps(summary.baseline.requestsPerSecond),
      summary.ratio == null ? "-" : summary.ratio.toFixed(2),
      ms(summary.attache.latencyP50Ms),
      ms(summary.attache.latencyP99Ms),
      ms(summary.baseline.latencyP50Ms),
      ms(summary.baseline.latencyP99Ms),
      String(summary.attache.non2xx),
      String(summary.attache.status5xx),
      String(summary.baseline.non2xx),
      String(summary.baseline.status5xx),
    ]),
  ];
  const verdict = (met: boolean | null) => (met === null ? "n/a   " : met ? "MET   " : "MISSED");
  return [
    `Median of ${runs} run(s) per row; latency of every response; non-2xx and 5xx are totals over the runs.`,
    "",
    table(rows),
    "",
    "Targets:",
    ...checks.map((check) => `  ${verdict(check.met)} ${check.description} — ${check.value}`),
  ].join("\n");
}

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

export function machineInfo(postgresVersion: string) {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? "unknown",
    cpuCount: cpus.length,
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    postgres: postgresVersion,
  };
}

export function gitInfo() {
  const status = git(["status", "--porcelain"]);
  return { commit: git(["rev-parse", "--short", "HEAD"]), dirty: status === null ? null : status.length > 0 };
}

export type TReport = {
  startedAt: string;
  finishedAt: string;
  machine: ReturnType<typeof machineInfo>;
  git: ReturnType<typeof gitInfo>;
  options: TBenchOptions;
  setup: Record<string, unknown>;
  warmups: TRunFigures[];
  runs: TRunFigures[];
  medians: TSummary[];
  targets: TTargetCheck[];
  serverLogProblems: string[];
};

/** Writes the report to `out`, or to <dir>/report-<timestamp>.json and <dir>/report.json; returns the paths. */
export async function writeReport(report: TReport, { out, dir }: { out?: string; dir: string }): Promise<string[]> {
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const paths = out
    ? [path.resolve(out)]
    : [path.resolve(dir, `report-${report.startedAt.replace(/[:.]/g, "-")}.json`), path.resolve(dir, "report.json")];
  for (const file of paths) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return paths;
}
