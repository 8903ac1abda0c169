"use client";

import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DialogActions } from "@/components/ui/dialog";
import { Time } from "@/components/ui/time";
import { diffPolicies } from "@/server/policies/policy-rules";
import type { TEffectivePolicy, TScopePolicy } from "@/server/policies/policy-schemas";
import { PolicyDiffView } from "./diff";

/** Someone saved while you edited: their change and yours side by side, and the two ways on. */
export function PolicyConflictView({
  base,
  theirs,
  mine,
  onDiscard,
  onApplyMine,
}: {
  base: TScopePolicy;
  theirs: TScopePolicy;
  mine: TEffectivePolicy;
  onDiscard: () => void;
  onApplyMine: () => void;
}) {
  return (
    <div className="space-y-4">
      <Alert tone="warning" live="alert" title="Someone else saved this policy while you were editing it.">
        <p>Nothing of yours was saved. Compare the two changes and choose how to go on.</p>
      </Alert>
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="their-change" className="rounded-lg border border-line p-3">
          <h3 id="their-change" className="font-semibold">
            Their change
          </h3>
          <p className="mb-2 text-sm text-fg-muted">
            Version {base.version} → {theirs.version}
            {theirs.updatedBy ? <> by {theirs.updatedBy}</> : null}
            {theirs.updatedAt ? (
              <>
                , <Time date={theirs.updatedAt} />
              </>
            ) : null}
          </p>
          <PolicyDiffView diff={diffPolicies(base, theirs)} />
        </section>
        <section
          aria-labelledby="your-change"
          className="rounded-lg border border-indigo-300 bg-accent-soft p-3 dark:border-indigo-700"
        >
          <h3 id="your-change" className="font-semibold">
            Your pending change
          </h3>
          <p className="mb-2 text-sm text-fg-muted">From version {base.version}, not saved</p>
          <PolicyDiffView diff={diffPolicies(base, mine)} />
        </section>
      </div>
      <DialogActions>
        <Button onClick={onDiscard}>Discard mine and keep theirs</Button>
        <Button variant="primary" onClick={onApplyMine} data-autofocus>
          Apply mine on top of theirs
        </Button>
      </DialogActions>
    </div>
  );
}
