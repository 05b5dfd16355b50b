-- CreateTable (IF NOT EXISTS: earlier builds let the session store create it at run time)
CREATE TABLE IF NOT EXISTS "admin_sessions" (
    "sid" VARCHAR NOT NULL,
    "sess" JSON NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "admin_sessions_pkey" PRIMARY KEY ("sid")
);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "IDX_admin_sessions_expire" ON "admin_sessions"("expire");

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_accrualId_fkey" FOREIGN KEY ("accrualId") REFERENCES "Accrual"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written (Prisma cannot express these). Later schema diffs do not see them, so they stay.

-- Emails are stored lower-cased; lookups lower-case their input.
ALTER TABLE "User" ADD CONSTRAINT "User_email_lowercase" CHECK ("email" = lower("email"));

-- One thread per (campaign, brand, clipper), including the campaign-less one.
DROP INDEX "MessageThread_campaignId_brandId_clipperId_key";
CREATE UNIQUE INDEX "MessageThread_campaignId_brandId_clipperId_key"
  ON "MessageThread"("campaignId", "brandId", "clipperId") NULLS NOT DISTINCT;

-- Money and counters that can never be negative (accrual amounts can: negative adjustments claw back).
ALTER TABLE "Campaign"
  ADD CONSTRAINT "Campaign_budget_valid" CHECK ("totalBudgetCents" >= 0 AND "reservedBudgetCents" >= 0 AND "reservedBudgetCents" <= "totalBudgetCents"),
  ADD CONSTRAINT "Campaign_rates_valid" CHECK ("cpmCents" >= 0 AND ("maxPayoutPerSubmissionCents" IS NULL OR "maxPayoutPerSubmissionCents" >= 0) AND "minViews" >= 0),
  ADD CONSTRAINT "Campaign_commission_valid" CHECK ("commissionBps" IS NULL OR "commissionBps" BETWEEN 0 AND 10000),
  ADD CONSTRAINT "Campaign_windows_valid" CHECK ("countingWindowDays" > 0 AND "holdDays" >= 0);
ALTER TABLE "ViewSnapshot" ADD CONSTRAINT "ViewSnapshot_viewCount_nonnegative" CHECK ("viewCount" >= 0);
ALTER TABLE "Accrual" ADD CONSTRAINT "Accrual_viewsCounted_nonnegative" CHECK ("viewsCounted" >= 0);
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_amounts_nonnegative" CHECK ("amountCents" >= 0 AND "commissionCents" >= 0);
ALTER TABLE "FraudFlag" ADD CONSTRAINT "FraudFlag_score_range" CHECK ("score" BETWEEN 0 AND 100);
ALTER TABLE "OtpChallenge" ADD CONSTRAINT "OtpChallenge_attempts_nonnegative" CHECK ("attempts" >= 0);
