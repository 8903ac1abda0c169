"use client";

import { useId, useState } from "react";
import { PolicyFileDrop } from "@/components/ui/file-drop";
import { formatBytes, judgeFile } from "@/server/policies/policy-rules";
import { SCOPE_LABELS, type TScopePolicy } from "@/server/policies/policy-schemas";
import { inputClass } from "./policy-ui";
import { parseSize, sizeValueOf, type TSizeValue } from "./size";
import { PolicySizeInput } from "./size-input";

/** Would this file be accepted? The verdict of every scope, computed in the browser from the policies shown. */
export function PolicyTester({ policies }: { policies: TScopePolicy[] }) {
  const id = useId();
  const [fileName, setFileName] = useState("");
  const [size, setSize] = useState<TSizeValue>({ text: "1", unit: "MB" });
  const parsedSize = parseSize(size);
  const ready = fileName !== "" && parsedSize.ok;

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-heading`} className="font-semibold">
        Policy tester
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        Check a file against every scope. A chosen file stays on your computer: only its name and size are used.
      </p>

      <div className="mt-4 grid gap-4 lg:grid-cols-[1fr_auto_1fr]">
        <div>
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">
            File name
          </label>
          <input
            id={id}
            value={fileName}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. invoice.pdf"
            onChange={(event) => setFileName(event.target.value)}
            className={`${inputClass} mt-1`}
          />
        </div>
        <PolicySizeInput label="File size" value={size} parsed={parsedSize} onChange={setSize} />
        <PolicyFileDrop
          label="Or test a file"
          hint="Drop it here or choose it; it is not uploaded."
          onFile={(file) => {
            setFileName(file.name);
            setSize(sizeValueOf(file.size));
          }}
        />
      </div>

      {ready ? (
        <table className="mt-4 w-full text-left text-sm">
          <caption className="sr-only">Verdicts for {fileName}</caption>
          <thead className="border-b border-slate-200 text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-4">Scope</th>
              <th className="py-2 pr-4">Verdict</th>
              <th className="py-2">Why</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {policies.map((policy) => {
              const verdict = judgeFile(policy, { fileName, sizeInBytes: parsedSize.bytes });
              return (
                <tr key={policy.scope}>
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {SCOPE_LABELS[policy.scope]}
                  </th>
                  <td className="py-2 pr-4">
                    {verdict.allowed ? (
                      <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-800 ring-1 ring-emerald-200 ring-inset">
                        Allowed
                      </span>
                    ) : (
                      <span className="rounded-full bg-red-50 px-2 py-0.5 font-mono text-xs font-semibold text-red-800 ring-1 ring-red-200 ring-inset">
                        {verdict.reason}
                      </span>
                    )}
                  </td>
                  <td className="py-2 text-slate-700">
                    {verdict.allowed
                      ? `.${verdict.extension} is allowed, and ${formatBytes(parsedSize.bytes)} is within the ${formatBytes(policy.maximumSizeLimitInBytes)} limit.`
                      : verdict.message}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="mt-4 text-sm text-slate-500">
          {fileName === ""
            ? "Enter a file name to see each scope's verdict."
            : "Enter a valid size to see the verdicts."}
        </p>
      )}
    </section>
  );
}
