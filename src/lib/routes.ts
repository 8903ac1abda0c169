/** The console's URLs, in one place. */
export const routes = {
  dashboard: "/",
  instances: "/instances",
  attachments: "/attachments",
  instancePolicies: (instanceId: string) => `/attachments/${encodeURIComponent(instanceId)}`,
  apiKeys: "/api-keys",
  signIn: "/signin",
} as const;
