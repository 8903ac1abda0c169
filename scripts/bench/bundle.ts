/**
 * `npm run bench:bundle`: the gzipped JavaScript a first load of each console route fetches, against
 * the framework's own floor, read from the production build in `.next/` (built first, with
 * `next build --analyze`, when it is missing or stale; `--build` forces it).
 *
 * What a first load fetches is what Next.js puts in the HTML: the build manifest's `rootMainFiles`
 * (the Turbopack runtime, React and the App Router) plus, for every segment the route renders (layouts,
 * error and not-found boundaries, the page), that segment's `entryJSFiles` from the route's
 * `page_client-reference-manifest.js` (the same list `.next/diagnostics/route-bundle-stats.json` gives).
 * Polyfills (`nomodule`) are left out: browsers that run modules never fetch them. Chunks loaded later
 * (import(), on a click or once the page is up) are not part of a first load; the report lists them
 * apart ("Later"), every one the route's code can load.
 *
 * Each distinct chunk is gzipped on its own (node:zlib gzipSync, level 9), as a server sends it; 1 kB
 * here is 1,024 bytes. The floor is `/_global-error`, the page Next.js builds from its own
 * global-error component: React, the App Router and Next's client components, none of ours (checked).
 *
 * Which modules make up the bytes above the floor comes from Next's bundle analyzer
 * (`next analyze export`, written by `next build --analyze`, whose chunks are byte-identical to a plain
 * build): each chunk's gzip size is shared among its modules by their minified size.
 *
 * Writes .attache/bench/bundle.json; exits with 1 when a route is above the target.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { inheritedEnv } from "@/env";
import { computeBuildStamp, isBuildCurrent, writeBuildStamp } from "@/server/launch/build-stamp";

const KB = 1024;
const TARGET_ABOVE_FLOOR = 40 * KB;
const GZIP_LEVEL = 9;
const FLOOR_PAGE = "/_global-error/page";
const TOP_ITEMS = 6;

const root = process.cwd();
const dist = path.join(root, ".next");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const outFile = path.join(root, ".attache", "bench", "bundle.json");
const forceBuild = process.argv.includes("--build");

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

/** The analyzer's data must come from the build in `.next/`, not an older one. */
function analyzerIsFresh(): boolean {
  const metadata = path.join(dist, "diagnostics", "analyze", "data", "metadata.json");
  if (!existsSync(metadata) || !existsSync(path.join(dist, "BUILD_ID"))) return false;
  const { createdAt } = readJson<{ createdAt?: string }>(metadata);
  return Date.parse(createdAt ?? "") >= statSync(path.join(dist, "BUILD_ID")).mtimeMs;
}

async function ensureBuild() {
  const stamp = await computeBuildStamp(root);
  if (!forceBuild && (await isBuildCurrent(root, stamp)) && analyzerIsFresh()) return;
  console.info("Building for production (next build --analyze)…");
  const result = spawnSync(process.execPath, [nextBin, "build", "--analyze"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...inheritedEnv(), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}.`);
  await writeBuildStamp(root, stamp);
}

type TClientManifest = {
  clientModules: Record<string, { chunks: string[] }>;
  entryJSFiles?: Record<string, string[]>;
};

/** A route's client reference manifest: a script that assigns to globalThis.__RSC_MANIFEST[page]. */
function clientManifest(page: string): TClientManifest {
  const context = vm.createContext({});
  vm.runInContext(
    readFileSync(path.join(dist, "server", "app", `${page}_client-reference-manifest.js`), "utf8"),
    context,
  );
  const manifest = (context.__RSC_MANIFEST as Record<string, TClientManifest> | undefined)?.[page];
  if (!manifest?.entryJSFiles) throw new Error(`No entryJSFiles for ${page}: has the manifest format changed?`);
  return manifest;
}

const gzipSizes = new Map<string, { bytes: number; gzBytes: number }>();
function chunkSize(file: string) {
  let size = gzipSizes.get(file);
  if (!size) {
    const content = readFileSync(path.join(dist, file));
    size = { bytes: content.length, gzBytes: gzipSync(content, { level: GZIP_LEVEL }).length };
    gzipSizes.set(file, size);
  }
  return size;
}

/**
 * The chunks a route's code can load after its first paint (dialogs, parts that wait for data, code
 * loaded on a click), found through the chunk paths Turbopack's loaders name in the chunks. Not a
 * first load: shown so that what moved out of it stays in sight.
 */
function deferredChunks(firstLoad: readonly string[]): string[] {
  const loaded = new Set(firstLoad);
  const deferred = new Set<string>();
  const queue = [...firstLoad];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const content = readFileSync(path.join(dist, file), "utf8");
    for (const [reference] of content.matchAll(/static\/chunks\/[\w.-]+\.js/g)) {
      if (loaded.has(reference) || deferred.has(reference) || !existsSync(path.join(dist, reference))) continue;
      deferred.add(reference);
      queue.push(reference);
    }
  }
  return [...deferred];
}

// ---- module attribution from the bundle analyzer (optional: the totals never depend on it) ----

type TAnalyzerLine =
  | { type: "group"; route: string; kind: string; trigger_module_ident: string; outputs: string[] }
  | { type: "part"; route: string; filename: string; source_path: string; size: number }
  | { type: "meta" | "module" | "route" | "output"; route?: string };

type TModuleShare = { module: string; gzBytes: number };

function readAnalyzer(): TAnalyzerLine[] | null {
  try {
    const text = execFileSync(process.execPath, [nextBin, "analyze", "export"], {
      cwd: root,
      env: { ...inheritedEnv(), NEXT_TELEMETRY_DISABLED: "1" },
      maxBuffer: 512 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    }).toString("utf8");
    return text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TAnalyzerLine);
  } catch {
    return null;
  }
}

/** "zod", "@tanstack/query-core", "next", or a project file such as "src/trpc/react.tsx". */
function moduleName(sourcePath: string): string {
  const relative = sourcePath.replace(/^\[project\]\//, "");
  const packagePath = relative.match(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return packagePath?.[1] ?? relative;
}

/**
 * The analyzer compiles the same graph again, so its chunks have other names. They are matched to the
 * build's by position: each segment's entry chunks (and the runtime chunks) come in the same order in
 * both, and a match only counts when the sizes agree.
 */
function matchAnalyzerChunks(
  lines: TAnalyzerLine[],
  analyzerRoute: string,
  rootMainFiles: string[],
  entryJSFiles: Record<string, string[]>,
): Map<string, Map<string, number>> {
  const groups = lines.filter(
    (line): line is Extract<TAnalyzerLine, { type: "group" }> => line.type === "group" && line.route === analyzerRoute,
  );
  const parts = new Map<string, Map<string, number>>();
  for (const line of lines) {
    if (line.type !== "part" || line.route !== analyzerRoute) continue;
    const modules = parts.get(line.filename) ?? new Map<string, number>();
    const name = moduleName(line.source_path);
    modules.set(name, (modules.get(name) ?? 0) + line.size);
    parts.set(line.filename, modules);
  }
  const pairs: Array<[string, string | undefined]> = [];
  const jsOutputs = (group: { outputs: string[] } | undefined) => group?.outputs.filter((o) => o.endsWith(".js")) ?? [];
  const bootstrap = jsOutputs(groups.find((group) => group.kind === "bootstrap"));
  for (const [index, file] of rootMainFiles.entries()) pairs.push([file, bootstrap[index]]);
  for (const [segment, files] of Object.entries(entryJSFiles)) {
    const group = groups.find(
      (candidate) =>
        candidate.kind === "render_dependent" &&
        candidate.trigger_module_ident.startsWith(`${segment}.`) &&
        candidate.trigger_module_ident.includes("[app-rsc]"),
    );
    const outputs = jsOutputs(group);
    for (const [index, file] of files.filter((name) => name.endsWith(".js")).entries())
      pairs.push([file, outputs[index]]);
  }
  const matched = new Map<string, Map<string, number>>();
  for (const [file, output] of pairs) {
    const modules = output ? parts.get(output) : undefined;
    if (!modules || matched.has(file)) continue;
    const analyzed = [...modules.values()].reduce((sum, size) => sum + size, 0);
    const actual = chunkSize(file).bytes;
    // Module ids and the chunk's wrapper differ a little between the two compilations; more is another chunk.
    if (Math.abs(actual - analyzed) <= 1024 + actual * 0.03) matched.set(file, modules);
  }
  return matched;
}

function moduleShares(files: Iterable<string>, matched: Map<string, Map<string, number>>) {
  const shares = new Map<string, number>();
  let unattributed = 0;
  for (const file of files) {
    const modules = matched.get(file);
    const { gzBytes } = chunkSize(file);
    if (!modules) {
      unattributed += gzBytes;
      continue;
    }
    const total = [...modules.values()].reduce((sum, size) => sum + size, 0);
    for (const [name, size] of modules) shares.set(name, (shares.get(name) ?? 0) + (gzBytes * size) / total);
  }
  return { shares, unattributed };
}

/** What most of a chunk is, to name it in the report. */
function largestModule(modules: Map<string, number> | undefined): string | null {
  let largest: [string, number] | null = null;
  for (const entry of modules ?? []) if (!largest || entry[1] > largest[1]) largest = entry;
  return largest?.[0] ?? null;
}

// ---- the measurement ----

await ensureBuild();

const buildManifest = readJson<{ rootMainFiles: string[]; polyfillFiles: string[] }>(
  path.join(dist, "build-manifest.json"),
);
const appPaths = readJson<Record<string, string>>(path.join(dist, "app-path-routes-manifest.json"));
const pages = Object.entries(appPaths).filter(([page]) => page.endsWith("/page"));
if (!pages.some(([page]) => page === FLOOR_PAGE))
  throw new Error(`The build has no ${FLOOR_PAGE} to measure the floor.`);

const analyzer = readAnalyzer();

type TRoute = {
  route: string;
  label: string;
  files: string[];
  gzBytes: number;
  entryJSFiles: Record<string, string[]>;
};

const LABELS: Record<string, string> = {
  "/[...missing]": "not-found (console)",
  "/_not-found": "not-found (root)",
  "/_global-error": "floor: /_global-error",
};

const measured: TRoute[] = pages.map(([page, route]) => {
  const manifest = clientManifest(page);
  if (page === FLOOR_PAGE) {
    const ours = Object.keys(manifest.clientModules).filter((module) => !module.includes("/node_modules/"));
    if (ours.length) throw new Error(`The floor route loads project modules (${ours.join(", ")}); it is no floor.`);
  }
  const entryJSFiles = manifest.entryJSFiles ?? {};
  const files = [
    ...new Set(
      [...buildManifest.rootMainFiles, ...Object.values(entryJSFiles).flat()].filter((f) => f.endsWith(".js")),
    ),
  ];
  const gzBytes = files.reduce((sum, file) => sum + chunkSize(file).gzBytes, 0);
  return { route, label: LABELS[route] ?? route, files, gzBytes, entryJSFiles };
});

// The same lists Next.js itself reports, when it does (Turbopack builds): a difference means the
// manifests changed shape and the measurement needs another look.
const nextStats = path.join(dist, "diagnostics", "route-bundle-stats.json");
if (existsSync(nextStats)) {
  const polyfills = new Set(buildManifest.polyfillFiles);
  for (const { route, firstLoadChunkPaths } of readJson<Array<{ route: string; firstLoadChunkPaths: string[] }>>(
    nextStats,
  )) {
    const ours = measured.find((candidate) => candidate.route === route);
    if (!ours) continue;
    const theirs = firstLoadChunkPaths
      .map((file) => path.relative(dist, path.join(root, file)))
      .filter((file) => file.endsWith(".js") && !polyfills.has(file));
    if (theirs.length !== ours.files.length || theirs.some((file) => !ours.files.includes(file))) {
      console.warn(`Warning: ${route} loads other chunks by Next's route-bundle-stats.json than by the manifests.`);
    }
  }
}

// biome-ignore lint/style/noNonNullAssertion: checked above
const floor = measured.find((route) => route.route === appPaths[FLOOR_PAGE])!;
const floorFiles = new Set(floor.files);
const floorModules = analyzer
  ? moduleShares(
      floor.files,
      matchAnalyzerChunks(analyzer, floor.route, buildManifest.rootMainFiles, floor.entryJSFiles),
    ).shares
  : new Map<string, number>();

const report = measured
  .filter((route) => route !== floor)
  .sort((a, b) => a.route.localeCompare(b.route))
  .map((route) => {
    const above = route.gzBytes - floor.gzBytes;
    const matched = analyzer
      ? matchAnalyzerChunks(analyzer, route.route, buildManifest.rootMainFiles, route.entryJSFiles)
      : new Map<string, Map<string, number>>();
    const ownChunks = route.files
      .filter((file) => !floorFiles.has(file))
      .map((file) => ({ file, ...chunkSize(file), mainModule: largestModule(matched.get(file)) }))
      .sort((a, b) => b.gzBytes - a.gzBytes);
    let modules: TModuleShare[] | null = null;
    let unattributedGzBytes: number | null = null;
    if (analyzer) {
      const { shares, unattributed } = moduleShares(route.files, matched);
      // Above the floor: what the route loads of each module beyond what the floor loads of it.
      modules = [...shares]
        .map(([module, gzBytes]) => ({ module, gzBytes: gzBytes - (floorModules.get(module) ?? 0) }))
        .filter((share) => share.gzBytes >= 64)
        .sort((a, b) => b.gzBytes - a.gzBytes)
        .map((share) => ({ ...share, gzBytes: Math.round(share.gzBytes) }));
      unattributedGzBytes = unattributed;
    }
    const deferred = deferredChunks(route.files).map((file) => ({ file, ...chunkSize(file) }));
    return {
      route: route.route,
      label: route.label,
      gzBytes: route.gzBytes,
      aboveFloorGzBytes: above,
      deferredGzBytes: deferred.reduce((sum, chunk) => sum + chunk.gzBytes, 0),
      deferredChunks: deferred,
      targetMet: above <= TARGET_ABOVE_FLOOR,
      chunks: route.files.map((file) => ({ file, ...chunkSize(file), inFloor: floorFiles.has(file) })),
      chunksBeyondFloor: ownChunks,
      modulesAboveFloor: modules,
      unattributedGzBytes,
    };
  });

// ---- output ----

const pad = (text: string, width: number) => text.padEnd(width);
const lpad = (text: string, width: number) => text.padStart(width);
console.info(
  `\nFirst-load JavaScript per route, gzip level ${GZIP_LEVEL} per chunk, 1 kB = 1,024 bytes (build ${readFileSync(path.join(dist, "BUILD_ID"), "utf8").trim()})\n`,
);
console.info(
  `${pad("Route", 28)}${lpad("Total gz", 11)}${lpad("Above floor", 13)}   ${pad("Target ≤ 40 kB above floor", 28)}${lpad("Later, gz", 10)}`,
);
console.info(`${pad(`Floor (${floor.route})`, 28)}${lpad(kb(floor.gzBytes), 11)}${lpad("—", 13)}`);
for (const route of report) {
  console.info(
    `${pad(route.label, 28)}${lpad(kb(route.gzBytes), 11)}${lpad(kb(route.aboveFloorGzBytes), 13)}   ${pad(route.targetMet ? "met" : "NOT met", 28)}${lpad(kb(route.deferredGzBytes), 10)}`,
  );
}
console.info(
  "\nLater: chunks the route's code can load after its first paint (dialogs, what waits for data, code for a click), all of them, whether a visit needs them or not.",
);
console.info(
  `\nFloor: React, the App Router and Next's own client components (${floor.files.length} files, ${kb(floor.gzBytes)}).`,
);

console.info(
  "\nLargest contributions above the floor. Modules: each chunk's gzip shared among its modules by minified size, less what the floor loads of the same package.",
);
for (const route of report) {
  console.info(`\n  ${route.label}  (+${kb(route.aboveFloorGzBytes)})`);
  console.info(
    `    chunks: ${route.chunksBeyondFloor
      .slice(0, TOP_ITEMS)
      .map(
        (chunk) =>
          `${path.basename(chunk.file)} ${kb(chunk.gzBytes)}${chunk.mainModule ? ` (${chunk.mainModule}…)` : ""}`,
      )
      .join(", ")}`,
  );
  if (route.modulesAboveFloor) {
    console.info(
      `    modules (est. gz): ${route.modulesAboveFloor
        .slice(0, TOP_ITEMS + 2)
        .map((share) => `${share.module} ${kb(share.gzBytes)}`)
        .join(", ")}`,
    );
    if (route.unattributedGzBytes)
      console.info(`    (${kb(route.unattributedGzBytes)} in chunks the analyzer did not match)`);
  }
}
if (!analyzer) console.info("\n(Module detail unavailable: `next analyze export` did not run.)");

const failing = report.filter((route) => !route.targetMet);
console.info(
  failing.length
    ? `\n${failing.length} route(s) above the target: ${failing.map((route) => route.label).join(", ")}.`
    : "\nEvery route is within 40 kB of the floor.",
);

await mkdir(path.dirname(outFile), { recursive: true });
await writeFile(
  outFile,
  `${JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      buildId: readFileSync(path.join(dist, "BUILD_ID"), "utf8").trim(),
      method: {
        firstLoad:
          "build-manifest rootMainFiles + entryJSFiles of every segment in the route's client reference manifest",
        excluded: [
          "polyfillFiles (nomodule)",
          "chunks loaded after the first paint (import()): listed per route as deferredChunks",
        ],
        compression: `node:zlib gzipSync level ${GZIP_LEVEL}, each chunk on its own`,
        kilobyte: KB,
        floorRoute: floor.route,
        targetAboveFloorBytes: TARGET_ABOVE_FLOOR,
      },
      floor: {
        route: floor.route,
        gzBytes: floor.gzBytes,
        chunks: floor.files.map((file) => ({ file, ...chunkSize(file) })),
      },
      polyfillFiles: buildManifest.polyfillFiles,
      routes: report,
    },
    null,
    2,
  )}\n`,
);
console.info(`Wrote ${path.relative(root, outFile)}.`);
process.exitCode = failing.length ? 1 : 0;
