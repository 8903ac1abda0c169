"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { needsRecentSignIn, RecentSignInNotice } from "@/components/shell/recent-sign-in";
import { Alert } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toast";
import type { TTeamMember } from "@/server/team/team-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** Asks before removing a member: their sessions end at once. */
export function RemoveMemberDialog({
  member,
  isSelf,
  onClose,
}: {
  member: TTeamMember;
  isSelf: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const label = member.email ?? member.name ?? "this member";
  const remove = useMutation(
    trpc.team.remove.mutationOptions({
      onSuccess: async () => {
        if (isSelf) {
          window.location.assign("/signin");
          return;
        }
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
        onClose();
        notify.success(`${label} was removed from the team and signed out.`);
      },
      onError: () => queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() }),
    }),
  );

  return (
    <ConfirmDialog
      title={isSelf ? "Leave the team?" : `Remove ${label}?`}
      confirmLabel={isSelf ? "Leave the team" : "Remove member"}
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ userId: member.userId })}
      onCancel={onClose}
    >
      <p>
        {isSelf ? "You" : <span className="font-medium text-fg [overflow-wrap:anywhere]">{label}</span>} will be signed
        out everywhere at once and lose access to Attache.
      </p>
      <p>
        To come back, {isSelf ? "you need" : "they need"} a new invitation (or an email address in one of the allowed
        domains, which joins as viewer).
      </p>
      {remove.isError ? (
        needsRecentSignIn(remove.error) ? (
          <RecentSignInNotice action="remove members" />
        ) : (
          <Alert tone="danger">{errorMessage(remove.error)}</Alert>
        )
      ) : null}
    </ConfirmDialog>
  );
}
