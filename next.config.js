/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The database driver stays a plain Node module on the server instead of being bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  // Security headers (CSP with a per-response nonce, HSTS, …) are set for every response by the
  // server's listener in front of Next.js: src/server/http/security-headers.ts.
};

export default nextConfig;
