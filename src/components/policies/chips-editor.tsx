"use client";

import { useId, useState } from "react";
import {
  EXTENSION_PRESETS,
  extensionError,
  findRiskyExtensions,
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
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          Allowed extensions
        </label>
        <span className="flex items-baseline gap-3 text-xs text-slate-500">
          {chips.length} {chips.length === 1 ? "extension" : "extensions"}
          {chips.length ? (
            <button
              type="button"
              onClick={() => {
                onChange([]);
                setNotice(null);
              }}
              className="font-medium text-slate-700 hover:underline"
            >
              Remove all
            </button>
          ) : null}
        </span>
      </div>
      <div className="rounded-md border border-slate-300 bg-white p-2 shadow-sm focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/30">
        {chips.length ? (
          <ul aria-label="Chosen extensions" className="mb-2 flex flex-wrap gap-1.5">
            {chips.map((chip) => (
              <li
                key={chip.id}
                aria-invalid={chip.error ? "true" : undefined}
                aria-describedby={chip.error ? `${id}-error-${chip.id}` : undefined}
                className={`flex items-center gap-1 rounded-full py-0.5 pr-1 pl-2.5 font-mono text-xs ring-1 ring-inset ${
                  chip.error ? "bg-red-50 text-red-800 ring-red-300" : "bg-indigo-50 text-indigo-800 ring-indigo-200"
                }`}
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
                    className="rounded-full px-1 font-sans text-[11px] font-medium underline hover:bg-red-100"
                  >
                    fix
                  </button>
                ) : null}
                <button
                  type="button"
                  onClick={() => remove(chip)}
                  aria-label={`Remove ${chip.extension || chip.raw}`}
                  className="rounded-full px-1 leading-none hover:bg-black/10"
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
          aria-describedby={`${id}-hint`}
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
          className="w-full bg-transparent px-1 py-1 text-sm placeholder:text-slate-400 focus:outline-none"
        />
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        Separate with commas or spaces; a leading dot is dropped and letters are lower-cased. Backspace removes the last
        one.
      </p>
      {notice ? (
        <p role="status" className="text-sm text-slate-700">
          {notice}
        </p>
      ) : null}
      {invalid.length ? (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset"
        >
          <p className="font-medium">Fix or remove the marked extensions before saving:</p>
          <ul className="mt-1 list-disc pl-5">
            {invalid.map((chip) => (
              <li key={chip.id} id={`${id}-error-${chip.id}`}>
                <span className="font-mono">“{chip.raw}”</span>: {chip.error}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-600">Add a preset:</span>
        {EXTENSION_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            onClick={() => addPreset(preset)}
            aria-label={`Add ${preset.label}`}
            title={preset.extensions.join(", ")}
            className="rounded-full bg-white px-2.5 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            + {preset.label}
          </button>
        ))}
      </div>
      {risky.length ? (
        <div
          role="status"
          aria-label="Risky extensions"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          <p>
            <strong>Risky extensions: {risky.join(", ")}.</strong> Files of these types can run code or active content
            when opened. Allow them only if your agents really need them.
          </p>
        </div>
      ) : null}
      {chips.length === 0 ? (
        <p className="text-sm text-amber-800">With no extensions allowed, every upload in this scope is refused.</p>
      ) : null}
    </div>
  );
}
