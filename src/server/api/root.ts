import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { instanceRouter } from "./routers/instance";
import { meRouter } from "./routers/me";

export const appRouter = createTRPCRouter({
  me: meRouter,
  instance: instanceRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
