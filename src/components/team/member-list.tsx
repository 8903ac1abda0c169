"use client";

import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { lazyComponent } from "@/lib/lazy";
import { ROLE_LABELS, type TRole } from "@/server/team/role-rules";
import { canManageRole, isLastOwner } from "@/server/team/team-rules";
import type { TTeamMember } from "@/server/team/team-schemas";
import { JOINED_VIA_LABELS } from "./roles";

const ChangeRoleDialog = lazyComponent(() => import("./change-role-dialog").then((dialog) => dialog.ChangeRoleDialog));
const RemoveMemberDialog = lazyComponent(() => import("./remove-dialog").then((dialog) => dialog.RemoveMemberDialog));

const ROLE_TONES = { owner: "accent", admin: "info", editor: "success", viewer: "neutral" } as const;

function MemberActions({
  label,
  disabledBy,
  onChangeRole,
  onRemove,
}: {
  label: string;
  /** The id of the note that says why this member cannot be changed, if they cannot. */
  disabledBy: string | null;
  onChangeRole: () => void;
  onRemove: () => void;
}) {
  const disabled = disabledBy !== null;
  return (
    <>
      <Button
        variant="link"
        onClick={onChangeRole}
        disabled={disabled}
        aria-describedby={disabledBy ?? undefined}
        aria-label={`Change role of ${label}`}
      >
        Change role
      </Button>
      <Button
        variant="danger-link"
        onClick={onRemove}
        disabled={disabled}
        aria-describedby={disabledBy ?? undefined}
        aria-label={`Remove ${label}`}
      >
        Remove
      </Button>
    </>
  );
}

/** Everyone on the team; admins and owners also change roles and remove members here. */
export function MemberList({
  members,
  actorRole,
  actorEmail,
}: {
  members: TTeamMember[];
  actorRole: TRole;
  actorEmail: string;
}) {
  const [changing, setChanging] = useState<TTeamMember | null>(null);
  const [removing, setRemoving] = useState<TTeamMember | null>(null);
  const manages = canManageRole(actorRole, "viewer");
  const lastOwnerNoteId = useId();
  const ownersNoteId = useId();
  const lastOwner = members.find((member) => isLastOwner(member, members));
  const showLastOwnerNote = manages && lastOwner !== undefined && canManageRole(actorRole, "owner");
  const showOwnersNote = manages && !canManageRole(actorRole, "owner") && members.some((m) => m.role === "owner");
  /** Why a member's controls are disabled: the note's id, or null when they are not. */
  const disabledBy = (member: TTeamMember) =>
    !canManageRole(actorRole, member.role) ? ownersNoteId : member === lastOwner ? lastOwnerNoteId : null;
  const isSelf = (member: TTeamMember) => member.email !== null && member.email === actorEmail.toLowerCase();
  return (
    <>
      <Table caption="Team members">
        <TableHead>
          <TableRow>
            <TableHeader>Member</TableHeader>
            <TableHeader>Role</TableHeader>
            <TableHeader>Last sign-in</TableHeader>
            <TableHeader>Joined</TableHeader>
            {manages ? <TableHeader /> : null}
          </TableRow>
        </TableHead>
        <TableBody>
          {members.map((member) => {
            const label = member.email ?? member.name ?? member.userId;
            return (
              <TableRow key={member.userId}>
                <TableCell label="Member">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium [overflow-wrap:anywhere]">{member.name ?? member.email}</span>
                    {isSelf(member) ? <Badge>You</Badge> : null}
                  </div>
                  {member.name && member.email && member.name !== member.email ? (
                    <p className="text-sm text-fg-muted [overflow-wrap:anywhere]">{member.email}</p>
                  ) : null}
                </TableCell>
                <TableCell label="Role">
                  <Badge tone={ROLE_TONES[member.role]}>{ROLE_LABELS[member.role]}</Badge>
                </TableCell>
                <TableCell label="Last sign-in">
                  {member.lastSignInAt ? (
                    <Time date={member.lastSignInAt} />
                  ) : (
                    <span className="text-fg-subtle">Not yet</span>
                  )}
                </TableCell>
                <TableCell label="Joined">
                  <Time date={member.joinedAt} />
                  <p className="text-xs text-fg-subtle [overflow-wrap:anywhere]">
                    {JOINED_VIA_LABELS[member.joinedVia]}
                    {member.invitedByLabel ? `, by ${member.invitedByLabel}` : ""}
                  </p>
                </TableCell>
                {manages ? (
                  <TableCell actions>
                    <MemberActions
                      label={label}
                      disabledBy={disabledBy(member)}
                      onChangeRole={() => setChanging(member)}
                      onRemove={() => setRemoving(member)}
                    />
                  </TableCell>
                ) : null}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {showLastOwnerNote ? (
        <p id={lastOwnerNoteId} className="text-sm text-fg-muted">
          {lastOwner.name ?? lastOwner.email} is the team&apos;s last owner, so their role cannot be changed and they
          cannot be removed. Make someone else an owner first.
        </p>
      ) : null}
      {showOwnersNote ? (
        <p id={ownersNoteId} className="text-sm text-fg-muted">
          Only an owner can change or remove an owner.
        </p>
      ) : null}
      {changing ? (
        <ChangeRoleDialog
          member={changing}
          actorRole={actorRole}
          isSelf={isSelf(changing)}
          onClose={() => setChanging(null)}
        />
      ) : null}
      {removing ? (
        <RemoveMemberDialog member={removing} isSelf={isSelf(removing)} onClose={() => setRemoving(null)} />
      ) : null}
    </>
  );
}
