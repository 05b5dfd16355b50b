-- CreateEnum
CREATE TYPE "UploadPurpose" AS ENUM ('CAMPAIGN_ASSET', 'SUBMISSION_CLIP');

-- CreateEnum
CREATE TYPE "UploadStatus" AS ENUM ('PENDING', 'CONFIRMED');

-- DropIndex
DROP INDEX "PostLink_platform_platformPostId_key";


-- AlterTable
ALTER TABLE "PostLink" ADD COLUMN     "releasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "IdempotencyRecord" ALTER COLUMN "responseBody" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "purpose" "UploadPurpose" NOT NULL,
    "key" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "declaredBytes" INTEGER NOT NULL,
    "sizeBytes" INTEGER,
    "status" "UploadStatus" NOT NULL DEFAULT 'PENDING',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "campaignId" TEXT,
    "submissionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Upload_key_key" ON "Upload"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_submissionId_key" ON "Upload"("submissionId");

-- CreateIndex
CREATE INDEX "Upload_ownerId_createdAt_id_idx" ON "Upload"("ownerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Upload_campaignId_idx" ON "Upload"("campaignId");

-- CreateIndex
CREATE INDEX "Upload_status_expiresAt_idx" ON "Upload"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Campaign_status_cpmCents_id_idx" ON "Campaign"("status", "cpmCents", "id");

-- CreateIndex
CREATE INDEX "Campaign_status_endsAt_id_idx" ON "Campaign"("status", "endsAt", "id");

-- CreateIndex
CREATE INDEX "Submission_createdAt_id_idx" ON "Submission"("createdAt", "id");

-- CreateIndex
CREATE INDEX "PostLink_platform_platformPostId_idx" ON "PostLink"("platform", "platformPostId");

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Existing raw assets and edited clips become confirmed uploads attached where they were, before their columns
-- go. Sizes were never recorded: 1 byte stands for "unknown" (the column must be positive).
INSERT INTO "Upload" ("id", "ownerId", "purpose", "key", "filename", "contentType", "declaredBytes", "status",
                      "expiresAt", "confirmedAt", "campaignId", "createdAt")
SELECT 'upl_' || substr(md5(c."id" || a.ordinality::text), 1, 26), c."brandId", 'CAMPAIGN_ASSET', a.asset->>'key',
       COALESCE(a.asset->>'name', a.asset->>'key'), COALESCE(a.asset->>'contentType', 'application/octet-stream'),
       1, 'CONFIRMED', c."createdAt", c."createdAt", c."id", c."createdAt"
FROM "Campaign" c, jsonb_array_elements(c."rawContentAssets") WITH ORDINALITY AS a(asset, ordinality)
WHERE jsonb_typeof(c."rawContentAssets") = 'array' AND a.asset->>'key' IS NOT NULL
ON CONFLICT ("key") DO NOTHING;

INSERT INTO "Upload" ("id", "ownerId", "purpose", "key", "filename", "contentType", "declaredBytes", "status",
                      "expiresAt", "confirmedAt", "submissionId", "createdAt")
SELECT 'upl_' || substr(md5(s."id"), 1, 26), s."clipperId", 'SUBMISSION_CLIP', s."editedContentKey",
       regexp_replace(s."editedContentKey", '^.*/', ''), 'video/mp4', 1, 'CONFIRMED', s."createdAt", s."createdAt",
       s."id", s."createdAt"
FROM "Submission" s
WHERE s."editedContentKey" IS NOT NULL
ON CONFLICT ("key") DO NOTHING;

ALTER TABLE "Campaign" DROP COLUMN "rawContentAssets";
ALTER TABLE "Submission" DROP COLUMN "editedContentKey";

-- A post is claimed once among links still in play; a rejected submission's links are released.
CREATE UNIQUE INDEX "PostLink_platform_platformPostId_claimed_key" ON "PostLink"("platform", "platformPostId")
  WHERE "releasedAt" IS NULL;

-- Checks the application also makes, kept by the database against any other writer.
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_sizes_positive" CHECK ("declaredBytes" > 0 AND ("sizeBytes" IS NULL OR "sizeBytes" > 0));
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_attached_once" CHECK ("campaignId" IS NULL OR "submissionId" IS NULL);
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_dates_ordered" CHECK ("startsAt" IS NULL OR "endsAt" IS NULL OR "startsAt" < "endsAt");
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_cpm_positive" CHECK ("cpmCents" > 0);
