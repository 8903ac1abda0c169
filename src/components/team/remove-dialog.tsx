"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MutationError } from "@/components/shell/recent-sign-in";
import { ConfirmDialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toast";
import type { TTeamMember } from "@/server/team/team-schemas";
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
      <MutationError error={remove.isError ? remove.error : null} action="remove members" />
    </ConfirmDialog>
  );
}
