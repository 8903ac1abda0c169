"use client";

import { DialogActions } from "@/components/ui/dialog";
import { diffPolicies } from "@/server/policies/policy-rules";
import type { TEffectivePolicy, TScopePolicy } from "@/server/policies/policy-schemas";
import { PolicyDiffView } from "./diff";
import { primaryButton, secondaryButton, When } from "./policy-ui";

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
      <div
        role="alert"
        className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
      >
        <p className="font-semibold">Someone else saved this policy while you were editing it.</p>
        <p>Nothing of yours was saved. Compare the two changes and choose how to go on.</p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="their-change" className="rounded-lg border border-slate-200 p-3">
          <h3 id="their-change" className="font-semibold">
            Their change
          </h3>
          <p className="mb-2 text-sm text-slate-600">
            Version {base.version} → {theirs.version}
            {theirs.updatedBy ? <> by {theirs.updatedBy}</> : null}
            {theirs.updatedAt ? (
              <>
                , <When date={theirs.updatedAt} />
              </>
            ) : null}
          </p>
          <PolicyDiffView diff={diffPolicies(base, theirs)} />
        </section>
        <section aria-labelledby="your-change" className="rounded-lg border border-indigo-200 bg-indigo-50/40 p-3">
          <h3 id="your-change" className="font-semibold">
            Your pending change
          </h3>
          <p className="mb-2 text-sm text-slate-600">From version {base.version}, not saved</p>
          <PolicyDiffView diff={diffPolicies(base, mine)} />
        </section>
      </div>
      <DialogActions>
        <button type="button" onClick={onDiscard} className={secondaryButton}>
          Discard mine and keep theirs
        </button>
        <button type="button" onClick={onApplyMine} className={primaryButton}>
          Apply mine on top of theirs
        </button>
      </DialogActions>
    </div>
  );
}
