/** The console's URLs, in one place. */
export const routes = {
  dashboard: "/",
  instances: "/instances",
  attachments: "/attachments",
  instancePolicies: (instanceId: string) => `/attachments/${encodeURIComponent(instanceId)}`,
  branding: "/branding",
  brandingInstance: (instanceId: string) => `/branding/${encodeURIComponent(instanceId)}`,
  workspace: (instanceId: string, workspaceId: string) =>
    `/branding/${encodeURIComponent(instanceId)}/${encodeURIComponent(workspaceId)}`,
  files: "/files",
  filesInstance: (instanceId: string) => `/files/${encodeURIComponent(instanceId)}`,
  apiKeys: "/api-keys",
  team: "/team",
  audit: "/audit",
  signIn: "/signin",
} as const;
