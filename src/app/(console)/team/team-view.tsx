"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useConsoleUser } from "@/components/shell/console-context";
import { InvitationList } from "@/components/team/invitation-list";
import { InviteForm } from "@/components/team/invite-form";
import { MemberList } from "@/components/team/member-list";
import { PageHeader, Panel } from "@/components/ui/page-header";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { hasRole } from "@/server/team/role-rules";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

function Section({ title, children }: { title: React.ReactNode; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold text-fg">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function TeamView() {
  const user = useConsoleUser();
  const trpc = useTRPC();
  const team = useQuery(trpc.team.list.queryOptions());
  const isAdmin = hasRole(user.role, "admin");

  return (
    <div className="space-y-8">
      <PageHeader
        title="Team"
        description={
          isAdmin
            ? "Who can use Attache, and with which role. People sign in through your identity provider; an invitation gives them a role at their first sign-in."
            : "Who is on your team and with which role. Admins and owners invite people and change roles."
        }
      />
      {isAdmin ? (
        <Panel title="Invite someone">
          <p className="mb-4 text-sm text-fg-muted">
            Attache sends no email: tell them to sign in to this console with their work account.
          </p>
          <InviteForm actorRole={user.role} />
        </Panel>
      ) : null}

      <Section title={team.data ? `Members (${team.data.members.length})` : "Members"}>
        {team.isPending ? (
          <LoadingRows label="Loading the team" />
        ) : team.isError ? (
          <ErrorState message={errorMessage(team.error)} onRetry={() => void team.refetch()} />
        ) : (
          <MemberList members={team.data.members} actorRole={user.role} actorEmail={user.email} />
        )}
      </Section>

      {isAdmin && team.data?.invitations ? (
        <Section title={`Pending invitations (${team.data.invitations.length})`}>
          <InvitationList invitations={team.data.invitations} actorRole={user.role} />
        </Section>
      ) : null}
    </div>
  );
}
