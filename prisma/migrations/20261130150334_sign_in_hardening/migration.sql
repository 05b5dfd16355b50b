-- AlterTable
ALTER TABLE "OtpChallenge" ALTER COLUMN "userId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "RefreshToken" ADD COLUMN     "successorId" TEXT,
ADD COLUMN     "successorSealed" TEXT;

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "blockedUntil" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "LoginThrottle_expiresAt_idx" ON "LoginThrottle"("expiresAt");

-- CreateIndex
CREATE INDEX "OtpChallenge_destination_createdAt_idx" ON "OtpChallenge"("destination", "createdAt");

