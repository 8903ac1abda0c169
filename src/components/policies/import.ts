import { diffPolicies, samePolicy, type TPolicyDiff } from "@/server/policies/policy-rules";
import {
  ATTACHMENT_SCOPES,
  DEFAULT_POLICY,
  type TAttachmentScope,
  type TEffectivePolicy,
  type TPolicyExport,
  type TScopePolicy,
  ZPolicyExportSchema,
} from "@/server/policies/policy-schemas";

export type TReadExport = { ok: true; file: TPolicyExport } | { ok: false; errors: string[] };

/** Reads an export file's text the way the import will: JSON first, then the export schema. */
export function readPolicyExport(text: string): TReadExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [`This file is not valid JSON (${error instanceof Error ? error.message : "it could not be parsed"}).`],
    };
  }
  const parsed = ZPolicyExportSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) =>
      issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
    ),
  };
}

export type TImportPreviewRow =
  | { scope: TAttachmentScope; inFile: false; current: TScopePolicy }
  | {
      scope: TAttachmentScope;
      inFile: true;
      current: TScopePolicy;
      next: TEffectivePolicy;
      diff: TPolicyDiff;
      unchanged: boolean;
    };

/** Per scope: what importing `file` changes against `current` (a default entry means the default). */
export function previewImport(file: TPolicyExport, current: readonly TScopePolicy[]): TImportPreviewRow[] {
  return ATTACHMENT_SCOPES.flatMap((scope): TImportPreviewRow[] => {
    const policy = current.find((candidate) => candidate.scope === scope);
    if (!policy) return [];
    const entry = file.policies[scope];
    if (!entry) return [{ scope, inFile: false, current: policy }];
    const next: TEffectivePolicy = entry.isDefault
      ? { ...DEFAULT_POLICY, allowedExtensions: [...DEFAULT_POLICY.allowedExtensions], isDefault: true }
      : entry;
    return [
      {
        scope,
        inFile: true,
        current: policy,
        next,
        diff: diffPolicies(policy, next),
        unchanged: samePolicy(policy, next),
      },
    ];
  });
}
