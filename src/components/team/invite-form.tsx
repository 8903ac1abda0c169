"use client";

import { useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { needsRecentSignIn, RecentSignInNotice } from "@/components/shell/recent-sign-in";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { notify } from "@/components/ui/toast";
import { lazySchema, useSchemaForm } from "@/lib/form";
import { ROLE_LABELS, type TRole } from "@/server/team/role-rules";
import { assignableRoles } from "@/server/team/team-rules";
import { MAX_EMAIL_LENGTH, type TInviteMember } from "@/server/team/team-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { roleOption } from "./roles";

const inviteCheck = lazySchema(() =>
  import("@/server/team/team-schemas").then((schemas) => schemas.ZInviteMemberSchema),
);

/** The server's message on the field it is about (a member already on the team is the email's), else on the form. */
function serverErrors(caught: unknown): { field: "email" | "role" | "root"; message: string }[] {
  if (errorCode(caught) === "CONFLICT") return [{ field: "email", message: errorMessage(caught) }];
  if (caught instanceof TRPCClientError) {
    const fieldErrors = (caught.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)
      ?.fieldErrors;
    const onFields = (["email", "role"] as const).flatMap((field) => {
      const message = fieldErrors?.[field]?.[0];
      return message ? [{ field, message }] : [];
    });
    if (onFields.length) return onFields;
  }
  return [{ field: "root", message: errorMessage(caught) }];
}

/** Invites someone by email; they get the role at their first sign-in. Admins cannot invite owners. */
export function InviteForm({ actorRole }: { actorRole: TRole }) {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  const roles = assignableRoles(actorRole);
  const form = useSchemaForm<TInviteMember>({ defaultValues: { email: "", role: "viewer" }, check: inviteCheck });
  const [signInAgain, setSignInAgain] = useState(false);
  const { errors, isSubmitting } = form;

  return (
    <form
      noValidate
      className="space-y-4"
      onFocus={inviteCheck.preload}
      onPointerEnter={inviteCheck.preload}
      onSubmit={form.handleSubmit(async (values) => {
        setSignInAgain(false);
        try {
          const invitation = await trpcClient.team.invite.mutate(values);
          await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
          form.reset();
          form.setFocus("email");
          notify.success(
            `${invitation.email} is invited as ${ROLE_LABELS[invitation.role].toLowerCase()}. They get the role when they first sign in.`,
          );
        } catch (caught) {
          if (needsRecentSignIn(caught)) setSignInAgain(true);
          else for (const { field, message } of serverErrors(caught)) form.setError(field, message);
        }
      })}
    >
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <Field label="Email address" className="min-w-0 sm:flex-1" error={errors.email}>
          <Input
            type="email"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            placeholder="name@example.com"
            maxLength={MAX_EMAIL_LENGTH}
            {...form.register("email")}
          />
        </Field>
        <Field label="Role" className="sm:w-72" error={errors.role}>
          <Select
            className="w-full"
            value={form.values.role}
            onChange={(event) => form.setValue("role", event.target.value as TRole)}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleOption(role)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {actorRole === "owner" ? null : <p className="text-sm text-fg-subtle">Only an owner can invite another owner.</p>}
      {signInAgain ? <RecentSignInNotice action="invite an admin or owner" /> : null}
      {errors.root ? <Alert tone="danger">{errors.root}</Alert> : null}
      <Button type="submit" variant="primary" pending={isSubmitting} pendingLabel="Inviting…">
        Invite
      </Button>
    </form>
  );
}
