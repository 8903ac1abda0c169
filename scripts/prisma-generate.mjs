// Generates the Prisma client on install. The Prisma CLI wants to download its native schema
// engine before any command, which this project never uses (migrations go through the engine's
// WebAssembly build, see src/server/db/schema-engine.ts). Pointing PRISMA_SCHEMA_ENGINE_BINARY at
// an existing file skips that download; `prisma generate` itself does not run the engine.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
