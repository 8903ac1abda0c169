"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldMessage, Input } from "@/components/ui/field";
import { FileDrop } from "@/components/ui/file-drop";
import { useHydrated } from "@/lib/lazy";
import { MEDIA_MAX_BYTES } from "@/server/workspaces/workspace-rules";
import { parseImageUrl, pastedSource, readFileSource, type TMediaSource } from "./source";

const ACCEPT =
  "image/png,image/jpeg,image/gif,image/webp,image/x-icon,image/vnd.microsoft.icon,image/svg+xml,.ico,.svg";
const FORMATS_HINT = `PNG, JPEG, GIF, WebP, ICO or SVG, up to ${MEDIA_MAX_BYTES / 1000} kB. Or paste one here (Ctrl+V, ⌘V).`;

/**
 * Where an editor gives a slot its image: dropped on the area, chosen with the file picker, pasted
 * from the clipboard (Ctrl+V while the area has the focus, or the Paste button), or an address the
 * server fetches. Nothing is sent from here: `onSource` hands the choice on to be checked.
 */
export function SourcePicker({
  dropLabel = "Drop an image here or choose a file",
  onSource,
}: {
  dropLabel?: string;
  onSource: (source: TMediaSource) => void;
}) {
  const id = useId();
  const hydrated = useHydrated();
  const [url, setUrl] = useState("");
  const [urlError, setUrlError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canReadClipboard = hydrated && typeof navigator.clipboard?.read === "function";

  function takeFile(file: File) {
    setError(null);
    readFileSource(file).then(onSource, (caught: unknown) =>
      setError(caught instanceof Error ? caught.message : "The file could not be read."),
    );
  }

  function takeUrl(text: string) {
    const parsed = parseImageUrl(text);
    if (!parsed.ok) {
      setUrlError(parsed.message);
      return;
    }
    setUrlError(null);
    onSource({ kind: "url", url: parsed.url });
  }

  async function pasteFromClipboard() {
    setError(null);
    try {
      const items = await navigator.clipboard.read();
      for (const item of items) {
        const type = item.types.find((candidate) => candidate.startsWith("image/"));
        if (type) {
          const blob = await item.getType(type);
          takeFile(
            new File([blob], `Pasted image.${type.split("/")[1]?.replace("svg+xml", "svg") ?? "png"}`, { type }),
          );
          return;
        }
      }
      const text = await navigator.clipboard.readText();
      const pasted = pastedSource([], text);
      if (typeof pasted === "string") takeUrl(pasted);
      else setError("The clipboard holds no image or image address. Copy an image first.");
    } catch {
      setError(
        "The browser did not let Attache read the clipboard. Press Ctrl+V (⌘V on a Mac) in the drop area instead.",
      );
    }
  }

  return (
    <div
      className="space-y-3"
      onPaste={(event) => {
        const files = [...event.clipboardData.files];
        const text = event.clipboardData.getData("text/plain");
        const pasted = pastedSource(files, text);
        if (pasted instanceof File) {
          event.preventDefault();
          takeFile(pasted);
        } else if (
          typeof pasted === "string" &&
          !(event.target instanceof HTMLInputElement && event.target.type === "url")
        ) {
          // An address pasted anywhere but its own field is taken at once; in the field it is just text.
          event.preventDefault();
          setUrl(pasted);
          takeUrl(pasted);
        }
      }}
    >
      <FileDrop label={dropLabel} hint={FORMATS_HINT} accept={ACCEPT} onFile={takeFile} />
      {error ? (
        <FieldMessage error>
          <span role="alert">{error}</span>
        </FieldMessage>
      ) : null}
      <form
        noValidate
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          takeUrl(url);
        }}
      >
        <div className="min-w-48 flex-1">
          <label htmlFor={`${id}-url`} className="block text-sm font-medium text-fg">
            Or an image address
          </label>
          <Input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            className="mt-1"
            placeholder="https://example.com/logo.png"
            autoComplete="off"
            spellCheck={false}
            value={url}
            aria-invalid={urlError ? "true" : undefined}
            aria-describedby={urlError ? `${id}-url-error` : undefined}
            onChange={(event) => {
              setUrl(event.target.value);
              if (urlError) setUrlError(null);
            }}
          />
        </div>
        <Button type="submit">Check address</Button>
        {canReadClipboard ? (
          <Button
            onClick={() => void pasteFromClipboard()}
            title="Paste an image or an image address from the clipboard"
          >
            Paste
          </Button>
        ) : null}
      </form>
      {urlError ? (
        <FieldMessage id={`${id}-url-error`} error>
          {urlError}
        </FieldMessage>
      ) : null}
    </div>
  );
}
