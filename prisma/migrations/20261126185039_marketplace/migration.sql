-- CreateEnum
CREATE TYPE "UploadPurpose" AS ENUM ('CAMPAIGN_ASSET', 'SUBMISSION_CLIP');

-- CreateEnum
CREATE TYPE "UploadStatus" AS ENUM ('PENDING', 'CONFIRMED');

-- AlterTable
ALTER TABLE "Campaign" DROP COLUMN "rawContentAssets";

-- AlterTable
ALTER TABLE "Submission" DROP COLUMN "editedContentKey";

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

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Checks the application also makes, kept by the database against any other writer.
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_sizes_positive" CHECK ("declaredBytes" > 0 AND ("sizeBytes" IS NULL OR "sizeBytes" > 0));
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_attached_once" CHECK ("campaignId" IS NULL OR "submissionId" IS NULL);
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_dates_ordered" CHECK ("startsAt" IS NULL OR "endsAt" IS NULL OR "startsAt" < "endsAt");
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_cpm_positive" CHECK ("cpmCents" > 0);
