"use client";

import { isTRPCClientError } from "@trpc/client";
import { useId } from "react";
import type { AppRouter } from "@/server/api/root";

/** Shared look and small helpers of the attachment policy screens. */

const fieldClass =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-400";
export const inputClass = `w-full ${fieldClass}`;
export const selectClass = `w-28 ${fieldClass}`;
export const primaryButton =
  "rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButton =
  "rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60";
export const dangerButton =
  "rounded-md bg-red-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-500 disabled:cursor-not-allowed disabled:opacity-60";
export const linkButton = "text-sm font-medium text-indigo-700 hover:underline disabled:opacity-60";

/** The tRPC error code of a failed call, such as "CONFLICT" or "NOT_FOUND". */
export function errorCode(error: unknown): string | undefined {
  return isTRPCClientError<AppRouter>(error) ? error.data?.code : undefined;
}

/** What to tell the person: the field messages of a rejected input, else the server's message. */
export function errorMessage(error: unknown): string {
  if (isTRPCClientError<AppRouter>(error)) {
    const fieldErrors = error.data?.fieldErrors ?? {};
    const messages = [...new Set(Object.values(fieldErrors).flatMap((list) => list ?? []))];
    return messages.length ? messages.join(" ") : error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}

export function formatWhen(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatWhen(date)}</time>;
}

export function ExtensionChip({
  extension,
  tone = "neutral",
}: {
  extension: string;
  tone?: "neutral" | "added" | "removed";
}) {
  const tones = {
    neutral: "bg-slate-100 text-slate-700 ring-slate-200",
    added: "bg-emerald-50 text-emerald-800 ring-emerald-200",
    removed: "bg-red-50 text-red-800 ring-red-200 line-through",
  };
  return <li className={`rounded-full px-2 py-0.5 font-mono text-xs ring-1 ring-inset ${tones[tone]}`}>{extension}</li>;
}

export function DefaultBadge() {
  return (
    <span
      title="Amazon Connect's default: this scope has no configuration of its own."
      className="rounded-full bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-800 ring-1 ring-sky-200 ring-inset"
    >
      Default
    </span>
  );
}

export function InlineError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset">
      {message}
    </p>
  );
}

/** The optional reason every policy change can carry into the history. */
export function ReasonField({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Reason <span className="font-normal text-slate-500">(optional, kept in the history)</span>
      </label>
      <input
        id={id}
        value={value}
        maxLength={500}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        className={`${inputClass} mt-1`}
      />
    </div>
  );
}
