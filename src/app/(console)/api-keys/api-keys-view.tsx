"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { CreateApiKeyForm, type TCreatedApiKey } from "@/components/api-keys/create-form";
import { useConsoleUser } from "@/components/shell/console-context";
import { PageHeader, Panel } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { lazyComponent } from "@/lib/lazy";
import { preloadWhenIdle } from "@/lib/preload";
import { hasRole, ROLE_LABELS } from "@/server/team/role-rules";
import { useTRPC } from "@/trpc/react";

/** Shown once the keys are there: its code loads with them. */
const ApiKeyList = lazyComponent(
  () => import("@/components/api-keys/key-list").then((list) => list.ApiKeyList),
  <LoadingRows label="Loading API keys" />,
);
/** Shown right after a key is created; loaded once the page is up. */
const NewKeyPanel = lazyComponent(() =>
  import("@/components/api-keys/new-key-panel").then((panel) => panel.NewKeyPanel),
);

export function ApiKeysView() {
  const user = useConsoleUser();
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);
  const createForm = useRef<HTMLDivElement>(null);
  const isAdmin = hasRole(user.role, "admin");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!isAdmin) return;
    // The keys, and the instances a new key may reach, load with the code that shows them.
    void queryClient.prefetchQuery(trpc.apiKey.list.queryOptions());
    void queryClient.prefetchQuery(trpc.instance.list.queryOptions());
    return preloadWhenIdle(NewKeyPanel.preload);
  }, [isAdmin, queryClient, trpc]);

  const header = (
    <PageHeader
      title="API keys"
      description={
        <>
          Scripts and tools call Attache&apos;s Amazon Connect-compatible API at{" "}
          <code className="text-sm">/api/aws</code> with the official AWS SDKs, signing each request with an API key.
        </>
      }
    />
  );

  if (!isAdmin) {
    return (
      <div className="space-y-6">
        {header}
        <div role="note" className="rounded-xl border border-line bg-surface px-6 py-10 text-center shadow-sm">
          <p className="font-medium">Managing API keys needs the admin role.</p>
          <p className="mt-1 text-sm text-fg-muted">
            You are {/^[aeiou]/i.test(user.role) ? "an" : "a"} {ROLE_LABELS[user.role].toLowerCase()}. Ask an owner or
            admin of your team if a script of yours needs a key.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {header}
      {created ? (
        <NewKeyPanel
          created={created}
          onDone={() => {
            setCreated(null);
            // The panel's button is gone: continue at the form, ready for the next key.
            requestAnimationFrame(() => createForm.current?.querySelector("input")?.focus());
          }}
        />
      ) : (
        <div ref={createForm}>
          <Panel title="Create an API key">
            <CreateApiKeyForm onCreated={setCreated} />
          </Panel>
        </div>
      )}
      <ApiKeyList onRotated={setCreated} />
    </div>
  );
}
