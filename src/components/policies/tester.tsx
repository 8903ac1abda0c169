"use client";

import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Field, Input } from "@/components/ui/field";
import { FileDrop } from "@/components/ui/file-drop";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatBytesPair } from "@/lib/format";
import { judgeFile, SCOPE_LABELS } from "@/server/policies/policy-rules";
import type { TScopePolicy } from "@/server/policies/policy-schemas";
import { parseSize, sizeValueOf, type TSizeValue } from "./size";
import { SizeInput } from "./size-input";

/** Would this file be accepted? The verdict of every scope, computed in the browser from the policies shown. */
export function PolicyTester({ policies }: { policies: TScopePolicy[] }) {
  const id = useId();
  const [fileName, setFileName] = useState("");
  const [size, setSize] = useState<TSizeValue>({ text: "1", unit: "MB" });
  const parsedSize = parseSize(size);
  const ready = fileName !== "" && parsedSize.ok;

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-xl border border-line bg-surface p-4 shadow-sm">
      <h2 id={`${id}-heading`} className="font-semibold">
        Policy tester
      </h2>
      <p className="mt-0.5 text-sm text-fg-muted">
        Check a file against every scope. A chosen file stays on your computer: only its name and size are used.
      </p>

      <div className="mt-4 grid gap-4 lg:grid-cols-[1fr_auto_1fr]">
        <Field label="File name">
          <Input
            value={fileName}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. invoice.pdf"
            onChange={(event) => setFileName(event.target.value)}
          />
        </Field>
        <SizeInput label="File size" value={size} parsed={parsedSize} onChange={setSize} />
        <FileDrop
          label="Or test a file"
          hint="Drop it here or choose it; it is not uploaded."
          onFile={(file) => {
            setFileName(file.name);
            setSize(sizeValueOf(file.size));
          }}
        />
      </div>

      {ready ? (
        <Table caption={`Verdicts for ${fileName}`} className="mt-4 shadow-none">
          <TableHead>
            <TableRow>
              <TableHeader>Scope</TableHeader>
              <TableHeader>Verdict</TableHeader>
              <TableHeader>Why</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {policies.map((policy) => {
              const verdict = judgeFile(policy, { fileName, sizeInBytes: parsedSize.bytes });
              const [fileSize, limit] = formatBytesPair(parsedSize.bytes, policy.maximumSizeLimitInBytes);
              return (
                <TableRow key={policy.scope}>
                  <TableCell label="Scope" className="font-medium">
                    {SCOPE_LABELS[policy.scope]}
                  </TableCell>
                  <TableCell label="Verdict">
                    {verdict.allowed ? (
                      <Badge tone="success">Allowed</Badge>
                    ) : (
                      <Badge tone="danger" className="font-mono">
                        {verdict.reason}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell label="Why" className="text-fg-muted">
                    {verdict.allowed
                      ? `.${verdict.extension} is allowed, and ${fileSize} is within the ${limit} limit.`
                      : verdict.message}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : (
        <p className="mt-4 text-sm text-fg-subtle">
          {fileName === ""
            ? "Enter a file name to see each scope's verdict."
            : "Enter a valid size to see the verdicts."}
        </p>
      )}
    </section>
  );
}
