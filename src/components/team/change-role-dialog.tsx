"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { MutationError, needsRecentSignIn } from "@/components/shell/recent-sign-in";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogCancel } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { notify } from "@/components/ui/toast";
import { ROLE_LABELS, type TRole } from "@/server/team/role-rules";
import { assignableRoles } from "@/server/team/team-rules";
import type { TTeamMember } from "@/server/team/team-schemas";
import { useTRPC } from "@/trpc/react";
import { roleOption } from "./roles";

const memberLabel = (member: TTeamMember) => member.email ?? member.name ?? "this member";

/** Picks a new role for a member and confirms it; it applies from their next request. */
export function ChangeRoleDialog({
  member,
  actorRole,
  isSelf,
  onClose,
}: {
  member: TTeamMember;
  actorRole: TRole;
  isSelf: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<TRole>(member.role);
  const change = useMutation(
    trpc.team.changeRole.mutationOptions({
      onSuccess: async (changed) => {
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
        onClose();
        notify.success(`${memberLabel(member)} is now ${ROLE_LABELS[changed.role].toLowerCase()}.`);
        // Your own role changed: the console's menus and pages follow it.
        if (isSelf) window.location.reload();
      },
      onError: (error) => {
        if (!needsRecentSignIn(error)) void queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
      },
    }),
  );
  const roles = assignableRoles(actorRole);
  const losesAdmin = isSelf && role !== member.role && (role === "editor" || role === "viewer");

  return (
    <Dialog title={`Change the role of ${memberLabel(member)}`} size="sm" onClose={onClose} busy={change.isPending}>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (role !== member.role) change.mutate({ userId: member.userId, role });
        }}
      >
        <Field
          label="New role"
          hint={
            member.roleFromGroups
              ? "This member's role comes from their identity provider groups: their next sign-in sets it again."
              : "It applies from their next click in the console."
          }
        >
          <Select className="w-full" value={role} onChange={(event) => setRole(event.target.value as TRole)}>
            {roles.map((option) => (
              <option key={option} value={option}>
                {roleOption(option)}
                {option === member.role ? " (current)" : ""}
              </option>
            ))}
          </Select>
        </Field>
        {losesAdmin ? (
          <Alert tone="warning" live="off">
            This is your own role: you will no longer be able to manage the team.
          </Alert>
        ) : null}
        <MutationError error={change.isError ? change.error : null} action="change roles" />
        <DialogActions>
          <DialogCancel disabled={change.isPending} />
          <Button
            type="submit"
            variant="primary"
            disabled={role === member.role}
            pending={change.isPending}
            pendingLabel="Changing…"
          >
            Change role
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
