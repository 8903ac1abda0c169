import type { TRole } from "@/server/team/role-rules";

/** The dev IdP's people. Passwords are shown on its login page: this IdP is for local use only. */
export const DEMO_EMAIL_DOMAIN = "attache.test";

export type TDemoUser = {
  sub: string;
  email: string;
  name: string;
  password: string;
  emailVerified: boolean;
  /** The role Attache gives this person on first sign-in (via an invitation the seed creates). */
  role: TRole | null;
  note: string;
};

export const DEMO_USERS: TDemoUser[] = [
  {
    sub: "demo-owner",
    email: `owner@${DEMO_EMAIL_DOMAIN}`,
    name: "Olivia Owner",
    password: "owner-pass",
    emailVerified: true,
    role: "owner",
    note: "bootstrap owner",
  },
  {
    sub: "demo-admin",
    email: `admin@${DEMO_EMAIL_DOMAIN}`,
    name: "Adam Admin",
    password: "admin-pass",
    emailVerified: true,
    role: "admin",
    note: "invited as admin",
  },
  {
    sub: "demo-editor",
    email: `editor@${DEMO_EMAIL_DOMAIN}`,
    name: "Edith Editor",
    password: "editor-pass",
    emailVerified: true,
    role: "editor",
    note: "invited as editor",
  },
  {
    sub: "demo-viewer",
    email: `viewer@${DEMO_EMAIL_DOMAIN}`,
    name: "Victor Viewer",
    password: "viewer-pass",
    emailVerified: true,
    role: "viewer",
    note: "invited as viewer",
  },
  {
    sub: "demo-unverified",
    email: `unverified@${DEMO_EMAIL_DOMAIN}`,
    name: "Uma Unverified",
    password: "unverified-pass",
    emailVerified: false,
    role: null,
    note: "email not verified: refused",
  },
  {
    sub: "demo-outsider",
    email: "olga@outside.test",
    name: "Olga Outsider",
    password: "outsider-pass",
    emailVerified: true,
    role: null,
    note: "domain not allowed: refused",
  },
  {
    sub: "demo-newcomer",
    email: `newcomer@${DEMO_EMAIL_DOMAIN}`,
    name: "Nina Newcomer",
    password: "newcomer-pass",
    emailVerified: true,
    role: null,
    note: "not invited: joins as viewer unless invited",
  },
];
