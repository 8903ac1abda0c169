"use client";

import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useConsoleUser } from "@/components/shell/console-context";
import { Button, buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { notify } from "@/components/ui/toast";
import { lazyComponent } from "@/lib/lazy";
import { preloadWhenIdle } from "@/lib/preload";
import { routes } from "@/lib/routes";
import type { TFileListFilter, TFileRow } from "@/server/files/file-schemas";
import { hasRole } from "@/server/team/role-rules";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { FileFilters } from "./file-filters";
import { FileTable } from "./file-table";
import { EMPTY_FILTERS, isFiltered, parseFilters, type TFilterForm } from "./filters";
import { FilesLoading, filesCrumbs } from "./page-loading";
import { fileListOptions } from "./queries";
import { RejectionSummary } from "./rejection-summary";

const DeleteFileDialog = lazyComponent(() => import("./delete-dialog").then((dialog) => dialog.DeleteFileDialog));

/**
 * An instance's uploads: the refusal summary, filters, the files newest first with Load more, and
 * Download and Delete. Loaded by the page (app/(console)/files/[instanceId]) together with the list.
 */
export function FileList({ instanceId }: { instanceId: string }) {
  const user = useConsoleUser();
  const canDelete = hasRole(user.role, "editor");
  const trpc = useTRPC();
  const [form, setForm] = useState<TFilterForm>(EMPTY_FILTERS);
  const [filter, setFilter] = useState<TFileListFilter>({});
  const [deleting, setDeleting] = useState<TFileRow | null>(null);
  const parsed = parseFilters(form);
  const list = useInfiniteQuery({
    ...fileListOptions(trpc, { instanceId, filter }),
    placeholderData: keepPreviousData,
  });
  const download = useMutation(
    trpc.file.download.mutationOptions({
      // The link is signed for a minute; the store sends the file as an attachment, so the page stays.
      onSuccess: ({ url }) => window.location.assign(url),
      onError: (error) => notify.error(`The download could not start. ${errorMessage(error)}`),
    }),
  );
  useEffect(() => {
    if (canDelete) return preloadWhenIdle(DeleteFileDialog.preload);
  }, [canDelete]);

  function changeFilters(next: TFilterForm) {
    setForm(next);
    const result = parseFilters(next);
    // A date range in error keeps the files of the last good one on screen.
    if (result.ok) setFilter(result.filter);
  }

  if (list.isPending) return <FilesLoading />;
  if (list.isError && !list.data) {
    const missing = ["NOT_FOUND", "BAD_REQUEST"].includes(errorCode(list.error) ?? "");
    return (
      <div className="space-y-6">
        <PageHeader title={missing ? "Instance not found" : "Files"} breadcrumbs={filesCrumbs()} />
        {missing ? (
          <EmptyState title="There is no such instance">
            No instance of your team has the id <span className="font-mono">{instanceId}</span>.{" "}
            <Link href={routes.files} className="text-link underline">
              Choose one from the list.
            </Link>
          </EmptyState>
        ) : (
          <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
        )}
      </div>
    );
  }

  const pages = list.data.pages;
  const instance = pages[0]?.instance ?? { id: instanceId, alias: "Instance", arn: "" };
  const files = pages.flatMap((page) => page.files);
  const filtered = isFiltered(form);
  const updating = list.isFetching && list.isPlaceholderData;

  return (
    <div className="space-y-6">
      <PageHeader
        title={`Files of ${instance.alias}`}
        breadcrumbs={filesCrumbs(instance.alias)}
        description="Attached files and chat attachments uploaded through the API, checked against this instance's attachment policies: what was accepted, and what was refused and why."
        actions={
          <Link href={routes.instancePolicies(instance.id)} className={buttonClasses()}>
            Attachment policies
          </Link>
        }
      />

      {canDelete ? null : (
        <p className="rounded-lg bg-surface-muted px-4 py-2 text-sm text-fg-muted">
          You can view and download these files. Deleting them needs the editor role.
        </p>
      )}

      <RejectionSummary instanceId={instance.id} />

      <section aria-label="Uploads" className="space-y-4">
        <FileFilters value={form} parsed={parsed} onChange={changeFilters} />

        <p role="status" className="text-sm text-fg-subtle">
          {updating
            ? "Loading files…"
            : files.length === 0
              ? ""
              : `${files.length} ${files.length === 1 ? "file" : "files"}${list.hasNextPage ? " shown; older ones follow" : ""}${filtered ? " match these filters" : ""}.`}
        </p>

        {list.isError ? <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} /> : null}

        {files.length === 0 ? (
          filtered ? (
            <EmptyState title="No files match these filters">
              <Button variant="link" onClick={() => changeFilters(EMPTY_FILTERS)}>
                Clear filters
              </Button>
            </EmptyState>
          ) : (
            <EmptyState title="No uploads yet">
              Files arrive through the API: <span className="font-mono">StartAttachedFileUpload</span> for cases, emails
              and tasks, and a chat participant's <span className="font-mono">StartAttachmentUpload</span>. Uploads a
              policy refuses are listed here too, with the reason.
            </EmptyState>
          )
        ) : (
          <FileTable
            caption={`Files of ${instance.alias}`}
            files={files}
            canDelete={canDelete}
            downloading={download.isPending ? (download.variables?.fileId ?? null) : null}
            onDownload={(file) => download.mutate({ instanceId: instance.id, fileId: file.id })}
            onDelete={setDeleting}
            className={updating ? "opacity-70" : undefined}
          />
        )}

        {list.hasNextPage ? (
          <div className="flex justify-center">
            <Button
              onClick={() => void list.fetchNextPage()}
              pending={list.isFetchingNextPage}
              pendingLabel="Loading more…"
            >
              Load more
            </Button>
          </div>
        ) : null}
      </section>

      {deleting && canDelete ? (
        <DeleteFileDialog instanceId={instance.id} file={deleting} onClose={() => setDeleting(null)} />
      ) : null}
    </div>
  );
}
