import { AppError, type FieldIssue } from '../../shared/errors.js';

interface CampaignTerms {
  totalBudgetCents: number | bigint;
  maxPayoutPerSubmissionCents: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** Rules across fields, checked on the combined result of a create or an edit; all failures at once. */
export function checkCampaignTerms(terms: CampaignTerms, now: Date): void {
  const issues: FieldIssue[] = [];
  if (terms.maxPayoutPerSubmissionCents !== null && terms.maxPayoutPerSubmissionCents > terms.totalBudgetCents) {
    issues.push({ path: 'maxPayoutPerSubmissionCents', message: 'is more than the total budget' });
  }
  if (!terms.endsAt) issues.push({ path: 'endsAt', message: 'is required' });
  else if (terms.endsAt <= now) issues.push({ path: 'endsAt', message: 'is in the past' });
  else if (terms.startsAt && terms.startsAt >= terms.endsAt) {
    issues.push({ path: 'startsAt', message: 'is not before endsAt' });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'The request is not valid.', { issues });
}
