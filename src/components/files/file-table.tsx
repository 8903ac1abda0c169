"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { cx } from "@/lib/cx";
import { formatBytes, formatExactBytes } from "@/lib/format";
import type { TFileRow } from "@/server/files/file-schemas";
import { creatorLabel, ORIGIN_LABELS, reasonLabel, scopeLabel, statusOption } from "./labels";

/** One page (or several) of an instance's files, newest first, with Download and Delete. */
export function FileTable({
  caption,
  files,
  canDelete,
  downloading,
  onDownload,
  onDelete,
  className,
}: {
  caption: string;
  files: TFileRow[];
  canDelete: boolean;
  /** The file whose download link is being asked for. */
  downloading: string | null;
  onDownload: (file: TFileRow) => void;
  onDelete: (file: TFileRow) => void;
  className?: string;
}) {
  return (
    // Scrolls inside its own box rather than widen the page, whatever the names it holds.
    <Table caption={caption} className={cx("overflow-x-auto", className)}>
      <TableHead>
        <TableRow>
          <TableHeader>File</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader>Size</TableHeader>
          <TableHeader>Scope</TableHeader>
          <TableHeader>Uploaded</TableHeader>
          <TableHeader />
        </TableRow>
      </TableHead>
      <TableBody>
        {files.map((file) => {
          const status = statusOption(file.status);
          const creator = creatorLabel(file.createdBy);
          return (
            <TableRow key={file.id}>
              <TableCell label="File">
                <span className="block font-medium break-all text-fg xl:min-w-40">{file.fileName}</span>
                <span className="block text-xs text-fg-subtle">{ORIGIN_LABELS[file.origin]}</span>
              </TableCell>
              <TableCell label="Status">
                <Badge tone={status.tone}>{status.label}</Badge>
                {file.reasonCode || file.reason ? (
                  <p className="mt-1 text-xs break-words text-fg-muted lg:max-w-xs xl:min-w-48">
                    {file.reasonCode ? <span className="font-medium">{reasonLabel(file.reasonCode)}: </span> : null}
                    {file.reason}
                  </p>
                ) : null}
              </TableCell>
              <TableCell label="Size" className="whitespace-nowrap tabular-nums">
                <span title={formatExactBytes(file.sizeInBytes)}>{formatBytes(file.sizeInBytes)}</span>
              </TableCell>
              <TableCell label="Scope">{scopeLabel(file.scope)}</TableCell>
              <TableCell label="Uploaded" className="text-sm">
                <Time date={file.createdAt} />
                <span
                  className="block text-xs [overflow-wrap:anywhere] text-fg-muted lg:max-w-56"
                  title={creator.title}
                >
                  by {creator.text}
                </span>
              </TableCell>
              <TableCell actions>
                {file.downloadable ? (
                  <Button
                    variant="link"
                    aria-label={`Download ${file.fileName}`}
                    pending={downloading === file.id}
                    onClick={() => onDownload(file)}
                  >
                    Download
                  </Button>
                ) : null}
                {canDelete ? (
                  <Button variant="danger-link" aria-label={`Delete ${file.fileName}`} onClick={() => onDelete(file)}>
                    Delete
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
