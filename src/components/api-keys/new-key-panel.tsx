"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useNavigationGuard } from "@/components/shell/navigation-guard";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton, CopyField } from "@/components/ui/copy";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Time } from "@/components/ui/time";
import type { TCreatedApiKey } from "./create-form";

function sdkSnippet({ accessKeyId, secretAccessKey }: { accessKeyId: string; secretAccessKey: string }) {
  return `import { ConnectClient, ListInstancesCommand } from "@aws-sdk/client-connect";

const client = new ConnectClient({
  region: "us-east-1",
  endpoint: "${window.location.origin}/api/aws",
  credentials: {
    accessKeyId: "${accessKeyId}",
    secretAccessKey: "${secretAccessKey}",
  },
});

const { InstanceSummaryList } = await client.send(new ListInstancesCommand({}));`;
}

const NOT_COPIED =
  "The secret access key of the new API key has not been copied. Once you leave, it cannot be shown again.";
const NOT_COPIED_ROTATED = "The new secret access key has not been copied. Once you leave, it cannot be shown again.";

/**
 * Shown once, right after a key is created or rotated: the only time its secret leaves the server.
 * Until the secret (or the snippet holding it) has been copied, leaving the panel or the page asks first.
 */
export function NewKeyPanel({ created, onDone }: { created: TCreatedApiKey; onDone: () => void }) {
  const { key, secretAccessKey, rotated = false } = created;
  const notCopied = rotated ? NOT_COPIED_ROTATED : NOT_COPIED;
  const headingId = useId();
  const snippetId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  const [asking, setAsking] = useState(false);
  useEffect(() => headingRef.current?.focus(), []);
  useNavigationGuard(copied ? null : notCopied);
  const snippet = sdkSnippet({ accessKeyId: key.accessKeyId, secretAccessKey });
  const markCopied = () => setCopied(true);

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-4 rounded-xl border border-emerald-300 bg-emerald-50/60 p-4 shadow-sm sm:p-5 dark:border-emerald-800 dark:bg-emerald-950/30"
    >
      <div>
        <h2
          id={headingId}
          ref={headingRef}
          tabIndex={-1}
          className="text-base font-semibold break-words focus:outline-none"
        >
          API key “{key.name}” {rotated ? "rotated" : "created"}
        </h2>
        <p className="mt-1 text-sm text-fg-muted">
          {rotated ? (
            <>
              It has a new secret; the access key ID stays the same.{" "}
              {key.previousSecretExpiresAt ? (
                <>
                  The old secret works until <Time date={key.previousSecretExpiresAt} />: move your clients over before
                  then.
                </>
              ) : (
                "The old secret no longer works."
              )}
            </>
          ) : key.allInstances ? (
            "It can reach all instances."
          ) : (
            `It can reach ${key.instances.map((instance) => instance.alias).join(", ")}.`
          )}
        </p>
      </div>

      <Alert tone="warning">
        <strong className="font-semibold">Copy the secret access key now: you will not see this secret again.</strong>{" "}
        Attache keeps it only encrypted. If you lose it,{" "}
        {rotated ? "rotate the key again" : "revoke this key and create a new one"}.
      </Alert>

      <div className="grid gap-4 lg:grid-cols-2">
        <CopyField label="Access key ID" copyLabel="Copy access key ID" value={key.accessKeyId} />
        <CopyField
          label="Secret access key"
          copyLabel="Copy secret access key"
          value={secretAccessKey}
          onCopied={markCopied}
        />
      </div>

      <div className="overflow-hidden rounded-lg bg-slate-900 ring-1 ring-slate-700">
        <div className="flex items-center justify-between gap-2 border-b border-slate-700 px-4 py-2">
          <h3 className="text-xs font-medium text-slate-300">
            AWS SDK for JavaScript v3 · <span className="font-mono">@aws-sdk/client-connect</span>
          </h3>
          <CopyButton value={snippet} label="Copy code snippet" fallbackId={snippetId} onCopied={markCopied} />
        </div>
        <pre id={snippetId} className="overflow-x-auto p-4 font-mono text-xs leading-relaxed text-slate-100">
          <code>{snippet}</code>
        </pre>
      </div>

      <Button variant="primary" onClick={() => (copied ? onDone() : setAsking(true))}>
        I have saved the secret
      </Button>
      {asking ? (
        <ConfirmDialog
          title="Leave without copying the secret?"
          confirmLabel="Leave it"
          cancelLabel="Go back and copy it"
          onConfirm={() => {
            setAsking(false);
            onDone();
          }}
          onCancel={() => setAsking(false)}
        >
          <p>{notCopied}</p>
          <p>If you saved it another way (by selecting it), you can leave.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
