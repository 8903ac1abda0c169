"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { TCreatedApiKey } from "./create-form";
import { primaryButton } from "./styles";

type TCopyState = "idle" | "copied" | "failed";

/** Copies `value`; where the clipboard is unavailable (plain http), it selects `fallbackId`'s text instead. */
function CopyButton({
  value,
  label,
  fallbackId,
  tone = "light",
}: {
  value: string;
  label: string;
  fallbackId: string;
  tone?: "light" | "dark";
}) {
  const [state, setState] = useState<TCopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <button
        type="button"
        aria-label={label}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setState("copied");
          } catch {
            const fallback = document.getElementById(fallbackId);
            if (fallback instanceof HTMLInputElement) fallback.select();
            else if (fallback) window.getSelection()?.selectAllChildren(fallback);
            setState("failed");
          }
        }}
        className={
          tone === "light"
            ? "shrink-0 rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
            : "shrink-0 rounded-md bg-slate-800 px-2.5 py-1 text-xs font-medium text-slate-100 ring-1 ring-slate-600 hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-400"
        }
      >
        {state === "copied" ? "Copied" : "Copy"}
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Selected; press Ctrl+C to copy." : ""}
      </span>
    </>
  );
}

function CopyField({ label, copyLabel, value }: { label: string; copyLabel: string; value: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-semibold uppercase tracking-wide text-slate-500">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <CopyButton value={value} label={copyLabel} fallbackId={id} />
      </div>
    </div>
  );
}

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

/** Shown once, right after a key is created: the only time its secret leaves the server. */
export function NewKeyPanel({ created, onDone }: { created: TCreatedApiKey; onDone: () => void }) {
  const { key, secretAccessKey } = created;
  const headingId = useId();
  const snippetId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const snippet = sdkSnippet({ accessKeyId: key.accessKeyId, secretAccessKey });

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-4 rounded-xl border border-emerald-200 bg-emerald-50/60 p-5 shadow-sm"
    >
      <div>
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-base font-semibold focus:outline-none">
          API key “{key.name}” created
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {key.allInstances
            ? "It can reach all instances."
            : `It can reach ${key.instances.map((instance) => instance.alias).join(", ")}.`}
        </p>
      </div>

      <p className="flex gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <span aria-hidden="true">⚠</span>
        <span>
          <strong className="font-semibold">Copy the secret access key now: you will not see this secret again.</strong>{" "}
          Attache keeps it only encrypted. If you lose it, revoke this key and create a new one.
        </span>
      </p>

      <div className="grid gap-4 lg:grid-cols-2">
        <CopyField label="Access key ID" copyLabel="Copy access key ID" value={key.accessKeyId} />
        <CopyField label="Secret access key" copyLabel="Copy secret access key" value={secretAccessKey} />
      </div>

      <div className="overflow-hidden rounded-lg bg-slate-900">
        <div className="flex items-center justify-between gap-2 border-b border-slate-700 px-4 py-2">
          <h3 className="text-xs font-medium text-slate-300">
            AWS SDK for JavaScript v3 · <span className="font-mono">@aws-sdk/client-connect</span>
          </h3>
          <CopyButton value={snippet} label="Copy code snippet" fallbackId={snippetId} tone="dark" />
        </div>
        <pre id={snippetId} className="overflow-x-auto p-4 font-mono text-xs leading-relaxed text-slate-100">
          <code>{snippet}</code>
        </pre>
      </div>

      <button type="button" onClick={onDone} className={primaryButton}>
        I have saved the secret
      </button>
    </section>
  );
}
