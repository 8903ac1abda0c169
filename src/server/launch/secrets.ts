import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** A random secret kept in the data directory (mode 0600), created on first use. */
export async function persistedSecret(dataDir: string, name: string, bytes = 32): Promise<string> {
  const file = path.join(dataDir, name);
  if (existsSync(file)) {
    const value = (await readFile(file, "utf8")).trim();
    if (value) return value;
  }
  await mkdir(dataDir, { recursive: true });
  const value = randomBytes(bytes).toString("base64url");
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}
