import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions, withAuthRequest } from "@/server/auth";

type TRouteContext = { params: Promise<{ nextauth: string[] }> };

const handler = (req: NextRequest, context: TRouteContext) =>
  withAuthRequest(() => NextAuth(req, context, authOptions()));

export { handler as GET, handler as POST };
