import type { Metadata } from "next";
import { formFromSearch } from "@/components/audit/filters";
import { AuditView } from "./audit-view";

export const metadata: Metadata = { title: "Audit log" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: TProps) {
  return <AuditView initial={formFromSearch(await searchParams)} />;
}
