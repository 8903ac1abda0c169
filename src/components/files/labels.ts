import type { TTone } from "@/components/ui/badge";
import type { TFileStatus } from "@/server/files/file-schemas";
import { SCOPE_LABELS, type TAttachmentScope } from "@/server/policies/policy-rules";

/** How the Files area and the policy editor name statuses, reasons, origins and scopes. Browser-safe. */

type TStatusOption = { value: TFileStatus; label: string; tone: TTone };

export const FILE_STATUS_OPTIONS: readonly TStatusOption[] = [
  { value: "APPROVED", label: "Approved", tone: "success" },
  { value: "REJECTED", label: "Rejected", tone: "danger" },
  { value: "PROCESSING", label: "Processing", tone: "info" },
  { value: "FAILED", label: "Failed", tone: "warning" },
];

export function statusOption(status: TFileStatus): TStatusOption {
  return (
    FILE_STATUS_OPTIONS.find((option) => option.value === status) ?? { value: status, label: status, tone: "neutral" }
  );
}

/** The rules a refusal or failure names (reasonCode), in words. */
const REASON_LABELS: Record<string, string> = {
  INVALID_FILE_TYPE: "Type not allowed",
  INVALID_FILE_SIZE: "Size not allowed",
  INVALID_FILE_NAME: "Name not accepted",
  SCANNER: "Malware scan",
  EXPIRED: "Upload not completed",
  INTERNAL: "Could not be checked",
  UNKNOWN: "No reason recorded",
};

/** "Type not allowed" for INVALID_FILE_TYPE; a code Attache does not know yet is shown as it is. */
export function reasonLabel(code: string): string {
  return REASON_LABELS[code] ?? code;
}

export const ORIGIN_LABELS = { ATTACHED_FILE: "Attached file", CHAT: "Chat attachment" } as const;

/** A file without a scope is a voice recording, which no attachment policy covers. */
export function scopeLabel(scope: TAttachmentScope | null): string {
  return scope ? SCOPE_LABELS[scope] : "No scope (recording)";
}

const AGENT_ARN = /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+\/agent\/([^/]+)$/;

/** Who uploaded a file, short: an agent's ARN as "Agent <id>" (the full ARN as its title). */
export function creatorLabel(createdBy: string): { text: string; title?: string } {
  const agent = AGENT_ARN.exec(createdBy);
  return agent ? { text: `Agent ${agent[1]}`, title: createdBy } : { text: createdBy };
}
