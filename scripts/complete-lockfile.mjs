// Completes package-lock.json with the platform-specific optional packages that this machine's npm
// registry does not serve (e.g. @next/swc-darwin-arm64, @biomejs/cli-win32-x64).
//
// Why: `npm install` drops an optional dependency whose manifest 404s, but `npm ci` (npm 11) keeps
// it in its ideal tree as an inert node and then reports the lockfile "out of sync". npm itself
// writes these entries when the registry has them. An entry with the package's os/cpu/libc lets
// `npm ci` skip it on other platforms without fetching it, exactly as with a full registry.
// Idempotent: run it after `npm install` (CI runs it before `npm ci`).
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["darwin", "linux", "win32", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix"];
const CPU = ["x64", "arm64", "arm", "ia32", "ppc64", "s390x", "riscv64", "loong64", "wasm32", "mips64el"];

function platformOf(name) {
  const tokens = name.split("/").pop().split("-");
  const os = tokens.find((token) => OS.includes(token));
  const cpu = tokens.find((token) => CPU.includes(token));
  if (!cpu) return null;
  const libc = tokens.includes("musl") ? "musl" : os === "linux" && tokens.includes("gnu") ? "glibc" : undefined;
  return { ...(os ? { os: [os] } : {}), cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

const file = "package-lock.json";
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
const added = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+(-[\w.-]+)?$/.test(version)) continue;
    packages[hoisted] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      ...(entry.devOptional ? { devOptional: true } : {}),
      optional: true,
      ...platform,
    };
    added.push(`${name}@${version}`);
  }
}
if (added.length) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.info(`package-lock.json: recorded ${added.length} platform package(s) this registry does not serve.`);
}
