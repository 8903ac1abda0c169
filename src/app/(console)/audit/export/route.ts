import { auditExportResponse } from "@/server/api/audit-export";
import { getDb } from "@/server/db";

export const GET = (request: Request) => auditExportResponse({ db: getDb(), request });
