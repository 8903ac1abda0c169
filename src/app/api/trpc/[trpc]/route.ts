import { createTrpcHttpHandler } from "@/server/api/http";
import { createTRPCContext } from "@/server/api/trpc";

const handler = createTrpcHttpHandler({ createContext: createTRPCContext });

export { handler as GET, handler as POST };
