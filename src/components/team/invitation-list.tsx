"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { notify } from "@/components/ui/toast";
import { ROLE_LABELS, type TRole } from "@/server/team/role-rules";
import { canManageRole } from "@/server/team/team-rules";
import type { TTeamInvitation } from "@/server/team/team-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

function RevokeButton({ invitation }: { invitation: TTeamInvitation }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.team.revokeInvitation.mutationOptions({
      onSuccess: () => notify.success(`The invitation of ${invitation.email} is revoked.`),
      onError: (error) => notify.error(errorMessage(error)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() }),
    }),
  );
  return (
    <Button
      variant="danger-link"
      pending={revoke.isPending}
      pendingLabel="Revoking…"
      onClick={() => revoke.mutate({ id: invitation.id })}
      aria-label={`Revoke the invitation of ${invitation.email}`}
    >
      Revoke
    </Button>
  );
}

/** Invitations nobody has used yet; each turns into a membership at that person's first sign-in. */
export function InvitationList({ invitations, actorRole }: { invitations: TTeamInvitation[]; actorRole: TRole }) {
  if (invitations.length === 0) {
    return (
      <EmptyState title="No pending invitations">
        Invite someone above; they appear here until they first sign in.
      </EmptyState>
    );
  }
  return (
    <Table caption="Pending invitations">
      <TableHead>
        <TableRow>
          <TableHeader>Email</TableHeader>
          <TableHeader>Role</TableHeader>
          <TableHeader>Invited</TableHeader>
          <TableHeader />
        </TableRow>
      </TableHead>
      <TableBody>
        {invitations.map((invitation) => (
          <TableRow key={invitation.id}>
            <TableCell label="Email">
              <span className="font-medium [overflow-wrap:anywhere]">{invitation.email}</span>
            </TableCell>
            <TableCell label="Role">
              <Badge>{ROLE_LABELS[invitation.role]}</Badge>
            </TableCell>
            <TableCell label="Invited">
              <Time date={invitation.createdAt} />
              {invitation.invitedByLabel ? (
                <p className="text-xs text-fg-subtle [overflow-wrap:anywhere]">by {invitation.invitedByLabel}</p>
              ) : null}
            </TableCell>
            <TableCell actions>
              {canManageRole(actorRole, invitation.role) ? (
                <RevokeButton invitation={invitation} />
              ) : (
                <p className="text-xs text-fg-subtle">Only an owner can revoke it.</p>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
