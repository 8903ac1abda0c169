import { defineConfig } from "prisma/config";

// Only the Prisma CLI reads this file. Attache applies migrations itself (npm run db:migrate);
// the datasource is here so that the normal Prisma CLI works on a machine that has its engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // biome-ignore lint/style/noProcessEnv: the Prisma CLI's own configuration file
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
