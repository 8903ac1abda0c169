import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** Everything that changes what `next build` produces. */
const BUILD_INPUTS = [
  "src",
  "public",
  "prisma/schema.prisma",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const IGNORED = /(\.test\.tsx?$|[\\/]generated[\\/])/;
const STAMP_FILE = path.join(".next", "attache-build-stamp");

async function listFiles(entry: string): Promise<string[]> {
  if (!existsSync(entry)) return [];
  const dirents = await readdir(entry, { withFileTypes: true }).catch(() => null);
  if (!dirents) return [entry];
  const nested = await Promise.all(
    dirents.map((dirent) => {
      const child = path.join(entry, dirent.name);
      return dirent.isDirectory() ? listFiles(child) : Promise.resolve([child]);
    }),
  );
  return nested.flat();
}

/** A hash of the build's inputs (paths and contents), so a stale build is rebuilt and a fresh one is not. */
export async function computeBuildStamp(root: string): Promise<string> {
  const hash = createHash("sha256");
  const files = (await Promise.all(BUILD_INPUTS.map((input) => listFiles(path.join(root, input)))))
    .flat()
    .filter((file) => !IGNORED.test(file))
    .sort();
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update("\0");
    hash.update(await readFile(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export async function isBuildCurrent(root: string, stamp: string): Promise<boolean> {
  const file = path.join(root, STAMP_FILE);
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(file)) return false;
  return (await readFile(file, "utf8")).trim() === stamp;
}

export async function writeBuildStamp(root: string, stamp: string): Promise<void> {
  await writeFile(path.join(root, STAMP_FILE), `${stamp}\n`);
}
