/** The demo accounts and the bootstrap API key of the e2e server (also read by playwright.config.ts). */
export const DEMO = {
  owner: { email: "owner@attache.test", password: "owner-pass" },
  editor: { email: "editor@attache.test", password: "editor-pass" },
  viewer: { email: "viewer@attache.test", password: "viewer-pass" },
  admin: { email: "admin@attache.test", password: "admin-pass" },
  unverified: { email: "unverified@attache.test", password: "unverified-pass" },
  outsider: { email: "olga@outside.test", password: "outsider-pass" },
  /** Not invited by the seed: the Team tests invite her. */
  newcomer: { email: "newcomer@attache.test", password: "newcomer-pass" },
} as const;

/** The bootstrap API key the e2e server is started with (see playwright.config.ts). */
export const E2E_API_KEY = {
  accessKeyId: "ATCHE2EBOOTSTRAP0001",
  secretAccessKey: "e2e-bootstrap-secret-not-for-production",
} as const;

/** The demo instance the seed creates. */
export const DEMO_INSTANCE = { id: "6f0c1d3e-8a52-4c1b-9d7e-2b4a5c6d7e8f", alias: "attache-demo" } as const;

export type TSignedIn = "owner" | "editor" | "viewer";
export const storageStateFor = (who: TSignedIn) => `.attache/e2e-auth/${who}.json`;
