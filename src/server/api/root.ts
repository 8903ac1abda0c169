import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { apiKeyRouter } from "./routers/api-key";
import { auditRouter } from "./routers/audit";
import { fileRouter } from "./routers/file";
import { instanceRouter } from "./routers/instance";
import { meRouter } from "./routers/me";
import { policyRouter } from "./routers/policy";
import { teamRouter } from "./routers/team";
import { workspaceRouter } from "./routers/workspace";

export const appRouter = createTRPCRouter({
  me: meRouter,
  instance: instanceRouter,
  policy: policyRouter,
  apiKey: apiKeyRouter,
  audit: auditRouter,
  workspace: workspaceRouter,
  file: fileRouter,
  team: teamRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
