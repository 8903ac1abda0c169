"use client";

import { useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogCancel } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { notify } from "@/components/ui/toast";
import { lazySchema, useSchemaForm } from "@/lib/form";
import { VISIBILITY_LABELS, WORKSPACE_VISIBILITIES } from "@/server/workspaces/workspace-rules";
import type { TWorkspace } from "@/server/workspaces/workspace-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import type { TWorkspaceDetails } from "./details-schema";

const FIELDS = ["name", "title", "description", "visibility"] as const;
type TField = (typeof FIELDS)[number];

const detailsCheck = lazySchema(() => import("./details-schema").then((schemas) => schemas.ZWorkspaceDetailsSchema));

const VISIBILITY_HINTS: Record<TWorkspaceDetails["visibility"], string> = {
  ALL: "Every agent of the instance can use it.",
  ASSIGNED: "Only the users and routing profiles it is assigned to.",
  NONE: "Nobody sees it; keep it while you prepare it.",
};

/** The server's field messages when it has them (a taken name is the name's), else its message for the form. */
function serverErrors(caught: unknown): { field: TField | "root"; message: string }[] {
  if (errorCode(caught) === "CONFLICT" && /already exists/i.test(errorMessage(caught))) {
    return [{ field: "name", message: errorMessage(caught) }];
  }
  if (caught instanceof TRPCClientError) {
    const fieldErrors = (caught.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)
      ?.fieldErrors;
    const onFields = FIELDS.flatMap((field) => {
      const message = fieldErrors?.[field]?.[0];
      return message ? [{ field, message }] : [];
    });
    if (onFields.length) return onFields;
  }
  return [{ field: "root", message: errorMessage(caught) }];
}

/**
 * Creates a workspace, or edits one's name, title, description and visibility. Checked here with the
 * server's schemas; a failed save keeps everything typed, and closing with changes asks first.
 */
export function WorkspaceDetailsDialog({
  instanceId,
  workspace,
  onClose,
  onSaved,
}: {
  instanceId: string;
  /** The workspace to edit; none to create one. */
  workspace?: TWorkspace;
  onClose: () => void;
  /** After the dialog has closed and said so: e.g. open the workspace just created. */
  onSaved?: (saved: TWorkspace) => void;
}) {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState(false);
  const form = useSchemaForm<TWorkspaceDetails>({
    defaultValues: {
      name: workspace?.name ?? "",
      title: workspace?.title ?? "",
      description: workspace?.description ?? "",
      visibility: workspace?.visibility ?? "ALL",
    },
    check: detailsCheck,
  });
  const { errors, isSubmitting, values } = form;

  async function save(details: TWorkspaceDetails): Promise<TWorkspace> {
    if (!workspace) return trpcClient.workspace.create.mutate({ instanceId, ...details });
    const ref = { instanceId, workspaceId: workspace.id };
    const changes = {
      ...(details.name !== workspace.name ? { name: details.name } : {}),
      ...(details.title !== workspace.title ? { title: details.title } : {}),
      ...(details.description !== workspace.description ? { description: details.description } : {}),
    };
    let saved = workspace;
    if (Object.keys(changes).length) {
      saved = await trpcClient.workspace.updateMetadata.mutate({
        ...ref,
        ...changes,
        expectedVersion: saved.version,
      });
    }
    if (details.visibility !== workspace.visibility) {
      saved = await trpcClient.workspace.updateVisibility.mutate({
        ...ref,
        visibility: details.visibility,
        expectedVersion: saved.version,
      });
    }
    return saved;
  }

  return (
    <Dialog
      title={workspace ? `Edit ${workspace.name}` : "New workspace"}
      description={
        workspace
          ? "Its name, title, description and who can use it."
          : "A workspace carries an agent workspace's branding: logos, favicons and colours."
      }
      onClose={onClose}
      busy={isSubmitting}
      confirmClose={
        changed
          ? {
              title: "Discard what you typed?",
              message: workspace
                ? "Your changes to this workspace are not saved. If you close this, they are lost."
                : "The new workspace is not created yet. If you close this, what you typed is lost.",
              confirmLabel: "Discard",
              cancelLabel: "Keep editing",
            }
          : null
      }
    >
      <form
        noValidate
        className="space-y-4"
        onFocus={detailsCheck.preload}
        onInput={() => setChanged(true)}
        onSubmit={form.handleSubmit(async (details) => {
          try {
            const saved = await save(details);
            await queryClient.invalidateQueries(trpc.workspace.pathFilter());
            onClose();
            notify.success(`Workspace “${saved.name}” ${workspace ? "saved" : "created"}.`);
            onSaved?.(saved);
          } catch (caught) {
            // Part of an edit may have gone through (the details, not the visibility): show what is stored.
            void queryClient.invalidateQueries(trpc.workspace.pathFilter());
            for (const { field, message } of serverErrors(caught)) form.setError(field, message);
          }
        })}
      >
        <Field label="Name" error={errors.name} hint="Unique in this instance; up to 127 characters.">
          <Input autoComplete="off" maxLength={127} placeholder="e.g. Support EMEA" {...form.register("name")} />
        </Field>
        <Field
          label="Title"
          optional="(optional)"
          error={errors.title}
          hint="Shown to agents in the workspace's header and browser tab; the name when empty."
        >
          <Input autoComplete="off" maxLength={127} {...form.register("title")} />
        </Field>
        <Field label="Description" optional="(optional)" error={errors.description} hint="Up to 500 characters.">
          <Textarea
            name="description"
            value={values.description}
            maxLength={500}
            onChange={(event) => form.setValue("description", event.target.value)}
          />
        </Field>
        <Field label="Visibility" error={errors.visibility} hint={VISIBILITY_HINTS[values.visibility]}>
          <Select
            value={values.visibility}
            onChange={(event) => form.setValue("visibility", event.target.value as TWorkspaceDetails["visibility"])}
          >
            {WORKSPACE_VISIBILITIES.map((visibility) => (
              <option key={visibility} value={visibility}>
                {VISIBILITY_LABELS[visibility]}
              </option>
            ))}
          </Select>
        </Field>
        {errors.root ? (
          <Alert tone="danger" title={workspace ? "Your changes were not saved." : "The workspace was not created."}>
            <p>{errors.root}</p>
            <p className="mt-1">Everything you typed is still here.</p>
          </Alert>
        ) : null}
        <DialogActions>
          <DialogCancel disabled={isSubmitting} />
          <Button
            type="submit"
            variant="primary"
            pending={isSubmitting}
            pendingLabel={workspace ? "Saving…" : "Creating…"}
          >
            {workspace ? "Save changes" : "Create workspace"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
