import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.integration.test.ts", "src/**/*.system.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["src/**/*.integration.test.ts"],
          environment: "node",
          globalSetup: ["./src/test/global-setup.ts"],
          // The procedures read configuration; these are the values a deployment would set.
          env: {
            DATABASE_URL: "postgresql://unused-the-tests-pass-their-own-client@127.0.0.1/none",
            NEXTAUTH_SECRET: "integration-tests-secret-integration-tests-secret",
            ATTACHE_ENCRYPTION_KEY: "aW50ZWdyYXRpb24tdGVzdHMtZW5jcnlwdGlvbi1rZXktMzJi",
            OIDC_ISSUER: "http://127.0.0.1:9/unused",
            OIDC_CLIENT_ID: "integration-tests",
            OIDC_CLIENT_SECRET: "integration-tests",
            // The SDK's notice that its 2027 releases need Node 22; these tests pin today's release.
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "system",
          // Real processes (scripts/serve.ts, `npm start`, PostgreSQL) on loopback ports, one file at a time.
          include: ["src/**/*.system.test.ts"],
          environment: "node",
          globalSetup: ["./src/test/system-setup.ts"],
          fileParallelism: false,
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
