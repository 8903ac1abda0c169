"use client";

import { useId, useState } from "react";

/** A file chooser that also takes a dropped file. The file is only read in the browser. */
export function PolicyFileDrop({
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
      className={`rounded-lg border-2 border-dashed px-4 py-3 text-sm ${over ? "border-indigo-400 bg-indigo-50" : "border-slate-300 bg-slate-50"}`}
    >
      <label htmlFor={id} className="font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = "";
        }}
        className="mt-1 block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 file:shadow-sm file:ring-1 file:ring-slate-300 hover:file:bg-slate-50"
      />
      <p className="mt-1 text-xs text-slate-500">{hint}</p>
    </div>
  );
}
