"use client";

import { useId, useState } from "react";
import { cx } from "@/lib/cx";

/** A file chooser that also takes a dropped file. The file is only read in the browser. */
export function FileDrop({
  label,
  hint,
  accept,
  onFile,
}: {
  label: string;
  hint: string;
  accept?: string;
  onFile: (file: File) => void;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the labelled file input inside is the accessible way
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
      className={cx(
        "rounded-lg border-2 border-dashed px-4 py-3 text-sm",
        over ? "border-indigo-400 bg-accent-soft" : "border-line-strong bg-surface-muted/60",
      )}
    >
      <label htmlFor={id} className="font-medium text-fg">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = "";
        }}
        className="mt-1 block w-full text-sm text-fg-muted file:mr-3 file:min-h-8 file:rounded-md file:border-0 file:bg-surface file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-fg file:shadow-sm file:ring-1 file:ring-line-strong hover:file:bg-surface-muted"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-fg-subtle">
        {hint}
      </p>
    </div>
  );
}
