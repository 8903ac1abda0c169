import { z } from "zod";

/**
 * In the browser, zod compiles no parsers with `new Function`: the console's Content-Security-Policy
 * forbids eval, and even zod's caught probe for it is reported as a policy violation. The server
 * keeps zod's faster compiled parsers. Imported by a module every page loads (theme-provider.tsx).
 */
if (typeof window !== "undefined") z.config({ jitless: true });
