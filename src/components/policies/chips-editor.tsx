"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/lib/cx";
import {
  EXTENSION_PRESETS,
  extensionError,
  findRiskyExtensions,
  MAX_ALLOWED_EXTENSIONS,
  mergeExtensions,
  parseExtensionInput,
} from "@/server/policies/policy-rules";

export type TChip = { id: number; extension: string; raw: string; error: string | null };

let lastChipId = 0;
const chipOf = (extension: string, raw: string, error: string | null): TChip => ({
  id: ++lastChipId,
  extension,
  raw,
  error,
});

export function toChips(extensions: readonly string[]): TChip[] {
  return extensions.map((extension) => chipOf(extension, extension, extensionError(extension)));
}

export const chipExtensions = (chips: readonly TChip[]) =>
  chips.filter((chip) => !chip.error).map((chip) => chip.extension);

const SEPARATOR = /[\s,;|]/;
const sameKey = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The allowed-extensions editor: typed or pasted text becomes chips (normalized by
 * parseExtensionInput); an invalid chip stays, marked with its message, until fixed or removed.
 */
export function PolicyChipsEditor({ chips, onChange }: { chips: TChip[]; onChange: (chips: TChip[]) => void }) {
  const id = useId();
  const [text, setText] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const invalid = chips.filter((chip) => chip.error);
  const overLimit = chips.length > MAX_ALLOWED_EXTENSIONS;
  const risky = findRiskyExtensions(chipExtensions(chips));

  function add(input: string) {
    const next = [...chips];
    const repeated: string[] = [];
    for (const token of parseExtensionInput(input)) {
      if (next.some((chip) => sameKey(chip.extension, token.extension))) repeated.push(token.extension);
      else next.push(chipOf(token.extension, token.raw, token.error));
    }
    if (next.length !== chips.length) onChange(next);
    setNotice(
      repeated.length
        ? `${repeated.join(", ")} ${repeated.length === 1 ? "is" : "are"} already in the list (extensions ignore case).`
        : null,
    );
  }

  function commit(value: string) {
    setText("");
    if (value.trim()) add(value);
  }

  function remove(chip: TChip) {
    onChange(chips.filter((candidate) => candidate.id !== chip.id));
    setNotice(null);
  }

  function addPreset(preset: (typeof EXTENSION_PRESETS)[number]) {
    const merged = mergeExtensions(
      chips.map((chip) => chip.extension),
      preset.extensions,
    );
    const added = merged.slice(chips.length);
    onChange([...chips, ...toChips(added)]);
    setNotice(
      added.length
        ? `Added ${added.length} from ${preset.label}: ${added.join(", ")}.`
        : `Every ${preset.label} extension is already in the list.`,
    );
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-fg">
          Allowed extensions
        </label>
        <span className="flex items-baseline gap-3 text-xs text-fg-subtle">
          <span id={`${id}-count`} className={cx(overLimit && "font-semibold text-red-700 dark:text-red-300")}>
            {chips.length} of at most {MAX_ALLOWED_EXTENSIONS}
          </span>
          {chips.length ? (
            <Button
              variant="link"
              onClick={() => {
                onChange([]);
                setNotice(null);
                // The button goes away with the chips; typing new ones is what comes next.
                document.getElementById(id)?.focus();
              }}
              className="text-xs"
            >
              Remove all
            </Button>
          ) : null}
        </span>
      </div>
      <div className="rounded-md border border-line-strong bg-surface p-2 shadow-sm focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/30">
        {chips.length ? (
          <ul aria-label="Chosen extensions" className="mb-2 flex flex-wrap gap-1.5">
            {chips.map((chip) => (
              <li
                key={chip.id}
                aria-invalid={chip.error ? "true" : undefined}
                aria-describedby={chip.error ? `${id}-error-${chip.id}` : undefined}
                className={cx(
                  "flex items-center gap-0.5 rounded-full py-0.5 pr-0.5 pl-2.5 font-mono text-xs ring-1 ring-inset",
                  chip.error
                    ? "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950/60 dark:text-red-200 dark:ring-red-700"
                    : "bg-accent-soft text-indigo-800 ring-indigo-200 dark:text-indigo-200 dark:ring-indigo-800",
                )}
              >
                {chip.error ? <span aria-hidden="true">⚠</span> : null}
                <span>{chip.extension || chip.raw}</span>
                {chip.error ? (
                  <button
                    type="button"
                    onClick={() => {
                      remove(chip);
                      setText(chip.raw);
                      document.getElementById(id)?.focus();
                    }}
                    aria-label={`Fix ${chip.raw}`}
                    className="inline-flex min-h-6 min-w-6 items-center justify-center rounded-full px-1.5 font-sans text-[11px] font-medium underline hover:bg-black/10 dark:hover:bg-white/10"
                  >
                    fix
                  </button>
                ) : null}
                <button
                  type="button"
                  onClick={() => {
                    remove(chip);
                    document.getElementById(id)?.focus();
                  }}
                  aria-label={`Remove ${chip.extension || chip.raw}`}
                  className="inline-flex h-6 w-6 items-center justify-center rounded-full leading-none hover:bg-black/10 dark:hover:bg-white/10"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          id={id}
          value={text}
          autoComplete="off"
          spellCheck={false}
          placeholder="Type or paste: pdf, .PNG docx"
          aria-describedby={`${id}-hint ${id}-count`}
          onChange={(event) => {
            const value = event.target.value;
            const cut = Math.max(...[...value].map((char, index) => (SEPARATOR.test(char) ? index : -1)));
            if (cut < 0) return setText(value);
            add(value.slice(0, cut + 1));
            setText(value.slice(cut + 1));
          }}
          onPaste={(event) => {
            event.preventDefault();
            const input = event.currentTarget;
            const start = input.selectionStart ?? text.length;
            const end = input.selectionEnd ?? text.length;
            commit(text.slice(0, start) + event.clipboardData.getData("text") + text.slice(end));
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              commit(text);
            } else if (event.key === "Backspace" && text === "" && chips.length) {
              event.preventDefault();
              const last = chips[chips.length - 1];
              if (last) remove(last);
            }
          }}
          onBlur={() => commit(text)}
          className="w-full bg-transparent px-1 py-1 text-sm text-fg placeholder:text-fg-subtle focus:outline-none"
        />
      </div>
      <p id={`${id}-hint`} className="text-xs text-fg-subtle">
        Separate with commas or spaces; a leading dot is dropped and letters are lower-cased. Backspace removes the last
        one.
      </p>
      {/* Always present, so screen readers announce each new notice. */}
      <p role="status" className="text-sm text-fg-muted empty:hidden">
        {notice}
      </p>
      {overLimit ? (
        // The counter above says it as the list changes; announcing it again on every removal is noise.
        <Alert tone="danger" live="off">
          At most {MAX_ALLOWED_EXTENSIONS} extensions can be allowed; remove {chips.length - MAX_ALLOWED_EXTENSIONS}{" "}
          before saving.
        </Alert>
      ) : null}
      {invalid.length ? (
        <Alert tone="danger" live="alert">
          <p className="font-medium">Fix or remove the marked extensions before saving:</p>
          <ul className="mt-1 list-disc pl-5">
            {invalid.map((chip) => (
              <li key={chip.id} id={`${id}-error-${chip.id}`}>
                <span className="font-mono">“{chip.raw}”</span>: {chip.error}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-fg-muted">Add a preset:</span>
        {EXTENSION_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            onClick={() => addPreset(preset)}
            aria-label={`Add ${preset.label}`}
            title={preset.extensions.join(", ")}
            className="min-h-7 rounded-full bg-surface px-2.5 py-1 text-xs font-medium text-fg ring-1 ring-line-strong hover:bg-surface-muted"
          >
            + {preset.label}
          </button>
        ))}
      </div>
      {risky.length ? (
        <Alert tone="warning" live="status" aria-label="Risky extensions">
          <p>
            <strong>Risky extensions: {risky.join(", ")}.</strong> Files of these types can run code or active content
            when opened. Allow them only if your agents really need them.
          </p>
        </Alert>
      ) : null}
      {chips.length === 0 ? (
        <p className="text-sm text-amber-800 dark:text-amber-200">
          With no extensions allowed, every upload in this scope is refused.
        </p>
      ) : null}
    </div>
  );
}
