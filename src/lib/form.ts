import { type FormEvent, useMemo, useRef, useState } from "react";
import type { z } from "zod";

/**
 * The console's few forms, checked with the server's own zod schemas. The schema (and zod with it,
 * about 30 kB gzipped) loads when the person turns to the form, not with the page. The form keeps
 * react-hook-form's ways: it is checked on submit, then again as each field changes; the first field
 * in error gets the focus; a field shows its schema's first message, or the server's.
 */

type TIssue = { path: readonly PropertyKey[]; message: string };

/** Each path's first message, paths joined with "." ("instanceIds", "instanceIds.0"). */
export function firstMessages(issues: readonly TIssue[]): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    messages[path] ??= issue.message;
  }
  return messages;
}

export type TSchemaCheck<TValues> = {
  /** The values as the schema gives them back (trimmed…), or each path's first message. */
  validate: (values: TValues) => Promise<{ ok: true; values: TValues } | { ok: false; errors: Record<string, string> }>;
  /** Starts loading the schema ahead of the first check. */
  preload: () => void;
};

/**
 * A check with a schema loaded on first use. Should it not load (the connection dropped first), the
 * values go on as they are: the server checks them with the same schema, and the form shows its answer.
 */
export function lazySchema<TValues>(load: () => Promise<z.ZodType<TValues, TValues>>): TSchemaCheck<TValues> {
  let loading: Promise<z.ZodType<TValues, TValues>> | undefined;
  const schema = () => {
    if (!loading) {
      const started = load();
      // Asked again later, it tries again.
      started.catch(() => {
        if (loading === started) loading = undefined;
      });
      loading = started;
    }
    return loading;
  };
  return {
    async validate(values) {
      const loaded = await schema().catch(() => null);
      if (!loaded) return { ok: true, values };
      const result = await loaded.safeParseAsync(values);
      return result.success
        ? { ok: true, values: result.data }
        : { ok: false, errors: firstMessages(result.error.issues) };
    },
    preload() {
      schema().catch(() => undefined);
    },
  };
}

type TName<TValues> = Extract<keyof TValues, string>;
export type TFormErrors<TValues> = Partial<Record<TName<TValues> | "root", string>>;

/**
 * Form state for a schema check (one made at module level: the first one given is kept). Text fields
 * are the inputs themselves (`register`), read when checked, so text typed before the page hydrated
 * counts; other fields are state (`setValue`).
 */
export function useSchemaForm<TValues extends Record<string, unknown>>({
  defaultValues,
  check,
}: {
  defaultValues: TValues;
  check: TSchemaCheck<TValues>;
}) {
  const [values, setValues] = useState(defaultValues);
  const [errors, setErrors] = useState<TFormErrors<TValues>>({});
  const [isSubmitting, setSubmitting] = useState(false);
  const state = useRef({
    defaults: defaultValues,
    values: defaultValues,
    inputs: new Map<TName<TValues>, HTMLInputElement>(),
    check,
    /** Checked on each change once a submit was tried, until a reset. */
    submitted: false,
    /** Counts resets: a submit that outlives one leaves the state to it. */
    generation: 0,
  });

  const methods = useMemo(() => {
    const form = state.current;
    const current = (): TValues => {
      const read: Record<string, unknown> = { ...form.values };
      for (const [name, input] of form.inputs) read[name] = input.value;
      return read as TValues;
    };
    const showError = (name: TName<TValues> | "root", message: string | undefined) =>
      setErrors((shown) => {
        if (shown[name] === message) return shown;
        const next = { ...shown };
        if (message === undefined) delete next[name];
        else next[name] = message;
        return next;
      });
    const recheck = async (name: TName<TValues>) => {
      if (!form.submitted) return;
      const generation = form.generation;
      const result = await form.check.validate(current());
      if (form.generation === generation) showError(name, result.ok ? undefined : result.errors[name]);
    };
    const focusFirstError = (messages: Record<string, string>) => {
      for (const [name, input] of form.inputs) {
        if (messages[name] !== undefined && input.isConnected) {
          input.focus();
          return;
        }
      }
    };

    return {
      /** Props for a text input: `<Input {...form.register("name")} />`. */
      register: (name: TName<TValues>) => ({
        name,
        defaultValue: String(form.defaults[name] ?? ""),
        ref: (input: HTMLInputElement | null) => {
          if (input) form.inputs.set(name, input);
        },
        onChange: () => void recheck(name),
      }),
      /** The value of a field kept in state (radios, checkboxes) and its setter. */
      setValue: <TKey extends TName<TValues>>(name: TKey, value: TValues[TKey]) => {
        form.values = { ...form.values, [name]: value };
        setValues(form.values);
        void recheck(name);
      },
      handleSubmit: (onValid: (values: TValues) => unknown) => async (event: FormEvent) => {
        event.preventDefault();
        const generation = form.generation;
        setSubmitting(true);
        const done = () => {
          if (form.generation !== generation) return;
          form.submitted = true;
          setSubmitting(false);
        };
        let result: Awaited<ReturnType<TSchemaCheck<TValues>["validate"]>>;
        try {
          result = await form.check.validate(current());
        } catch (error) {
          if (form.generation === generation) setSubmitting(false);
          throw error;
        }
        if (form.generation !== generation) return;
        if (!result.ok) {
          setErrors(result.errors as TFormErrors<TValues>);
          focusFirstError(result.errors);
          done();
          return;
        }
        setErrors({});
        try {
          await onValid(result.values);
        } finally {
          done();
        }
      },
      setError: (name: TName<TValues> | "root", message: string) => showError(name, message),
      /** Back to `next` (which become the defaults) or the defaults: values, messages and the submit state. */
      reset: (next?: TValues) => {
        form.generation++;
        if (next) form.defaults = next;
        form.values = form.defaults;
        for (const [name, input] of form.inputs) input.value = String(form.defaults[name] ?? "");
        form.submitted = false;
        setValues(form.values);
        setErrors({});
        setSubmitting(false);
      },
      setFocus: (name: TName<TValues>, { select = false }: { select?: boolean } = {}) => {
        setTimeout(() => {
          const input = form.inputs.get(name);
          input?.focus();
          if (select) input?.select();
        });
      },
    };
  }, []);

  return { ...methods, values, errors, isSubmitting };
}
