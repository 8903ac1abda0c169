-- Active API keys' names become unique within a team, ignoring case. Existing duplicates are renamed
-- first: in each group the oldest key keeps its name and the others, in creation order, get the
-- smallest free suffixes " (2)", " (3)"… (a suffix some active key already uses is skipped), cut so
-- the name stays within 100 characters. One statement, no procedural block: Prisma's driver adapters
-- split migration scripts on semicolons.
WITH "active" AS (
  SELECT "id", "teamId", "name", lower("name") AS "key",
    row_number() OVER (PARTITION BY "teamId", lower("name") ORDER BY "createdAt", "id") AS "rank"
  FROM "ApiKey"
  WHERE "revokedAt" IS NULL
),
"duplicated" AS (
  SELECT "teamId", "key" FROM "active" GROUP BY "teamId", "key" HAVING count(*) > 1
),
"free" AS (
  SELECT "duplicated"."teamId", "duplicated"."key", "suffix",
    row_number() OVER (PARTITION BY "duplicated"."teamId", "duplicated"."key" ORDER BY "suffix") + 1 AS "rank"
  FROM "duplicated"
  CROSS JOIN generate_series(2, (SELECT count(*) FROM "active") + 1) AS "suffix"
  WHERE NOT EXISTS (
    SELECT 1 FROM "active" AS "taken"
    WHERE "taken"."teamId" = "duplicated"."teamId"
      AND "taken"."key" = left("duplicated"."key", 100 - length(' (' || "suffix" || ')')) || ' (' || "suffix" || ')'
  )
)
UPDATE "ApiKey"
SET "name" = left("active"."name", 100 - length(' (' || "free"."suffix" || ')')) || ' (' || "free"."suffix" || ')'
FROM "active"
JOIN "free" ON "free"."teamId" = "active"."teamId" AND "free"."key" = "active"."key" AND "free"."rank" = "active"."rank"
WHERE "ApiKey"."id" = "active"."id" AND "active"."rank" > 1;

-- CreateIndex (partial and on an expression, which schema.prisma cannot express)
CREATE UNIQUE INDEX "ApiKey_teamId_lower_name_active_key" ON "ApiKey"("teamId", lower("name")) WHERE "revokedAt" IS NULL;
