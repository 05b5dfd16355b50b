import { randomInt } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Ctx } from '../context.js';
import { hashCode, sameHash } from './secret-token.js';

export const OTP_TTL_MS = 10 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_COOLDOWN_MS = 60_000;
export const OTP_SENDS_PER_ADDRESS_PER_HOUR = 5;

type Purpose = 'SIGNUP' | 'LOGIN' | 'RESET';

const SUBJECTS: Record<Purpose, string> = {
  SIGNUP: 'Your ContentFlow verification code',
  LOGIN: 'Your ContentFlow sign-in code',
  RESET: 'Your ContentFlow password reset code',
};

export type SendOutcome = 'sent' | 'cooldown' | 'address-limit';

/**
 * Issues a fresh six-digit code (earlier ones stop working) and delivers it, unless the user got one less than a
 * minute ago or the address had its hourly share. Callers answer the same either way, so nothing leaks.
 *
 * `userId: null` is the same request for an address without an account: the same statements run and a
 * challenge row is written (one no code can ever match, since codes are checked per user), but nothing is sent.
 * The answer then takes as long as for an account, and the address's hourly share is spent alike.
 */
export async function sendOtp(
  ctx: Ctx,
  input: { userId: string | null; purpose: Purpose; destination: string; channel?: 'EMAIL' | 'SMS' },
): Promise<SendOutcome> {
  const now = ctx.clock.now();
  const channel = input.channel ?? 'EMAIL';
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  // Without an account the cooldown is the address's.
  const owner = input.userId ? { userId: input.userId } : { userId: null, destination: input.destination };
  const outcome = await ctx.db.$transaction(async (tx) => {
    // Serialises sends per user so two quick requests cannot both pass the cooldown.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${input.userId ?? ''} FOR UPDATE`;
    const last = await tx.otpChallenge.findFirst({
      where: { ...owner, purpose: input.purpose },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    if (last && now.getTime() - last.createdAt.getTime() < OTP_RESEND_COOLDOWN_MS) return 'cooldown' as const;
    const sentLastHour = await tx.otpChallenge.count({
      where: { destination: input.destination, createdAt: { gt: new Date(now.getTime() - 3_600_000) } },
    });
    if (sentLastHour >= OTP_SENDS_PER_ADDRESS_PER_HOUR) return 'address-limit' as const;
    await tx.otpChallenge.updateMany({
      where: { ...owner, purpose: input.purpose, consumedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const id = newId('otp', now.getTime());
    await tx.otpChallenge.create({
      data: {
        id,
        userId: input.userId,
        purpose: input.purpose,
        channel,
        destination: input.destination,
        codeHash: hashCode(ctx.config.JWT_SECRET, id, code),
        expiresAt: new Date(now.getTime() + OTP_TTL_MS),
        createdAt: now,
      },
    });
    return 'sent' as const;
  });
  if (outcome !== 'sent' || !input.userId) {
    ctx.logger.info({ userId: input.userId, purpose: input.purpose, outcome }, 'one-time code not sent');
    return outcome;
  }
  const text = `Your code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message.`;
  // Not awaited: the answer must not take longer for an existing address than for an unknown one.
  if (channel === 'EMAIL') {
    ctx.mailer.sendInBackground({ to: input.destination, subject: SUBJECTS[input.purpose], text });
  } else {
    await ctx.sms.send(input.destination, text).catch((error) => {
      ctx.logger.error({ err: error, userId: input.userId }, 'one-time code delivery failed');
    });
  }
  return outcome;
}

const exhausted = () => new AppError('OTP_EXHAUSTED', 'Too many wrong codes. Ask for a new one.');

/**
 * Checks a code against the user's latest live challenge and consumes it. Each check spends one of the five
 * attempts before comparing, in one conditional update, so parallel guesses cannot get past the limit; wrong
 * guesses stay counted although this throws. `alsoRequired` false fails the check like a wrong code (sign-up
 * verification uses it for the password).
 */
export async function consumeOtp(
  ctx: Ctx,
  userId: string | undefined,
  purpose: Purpose,
  code: string,
  alsoRequired = true,
): Promise<void> {
  const now = ctx.clock.now();
  const invalid = () =>
    new AppError('OTP_INVALID', alsoRequired ? 'The code is not valid.' : 'The code or password is wrong.');
  const challenge = userId
    ? await ctx.db.otpChallenge.findFirst({
        where: { userId, purpose, consumedAt: null },
        orderBy: { createdAt: 'desc' },
        select: { id: true, codeHash: true, expiresAt: true },
      })
    : null;
  if (!challenge) throw invalid();
  if (challenge.expiresAt <= now) throw new AppError('OTP_EXPIRED', 'The code has expired. Ask for a new one.');
  const claimed = await ctx.db.otpChallenge.updateMany({
    where: { id: challenge.id, consumedAt: null, attempts: { lt: OTP_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (claimed.count === 0) throw exhausted();
  const matches = sameHash(challenge.codeHash, hashCode(ctx.config.JWT_SECRET, challenge.id, code));
  if (!matches || !alsoRequired) {
    const { attempts } = await ctx.db.otpChallenge.findUniqueOrThrow({
      where: { id: challenge.id },
      select: { attempts: true },
    });
    throw attempts >= OTP_MAX_ATTEMPTS ? exhausted() : invalid();
  }
  const { count } = await ctx.db.otpChallenge.updateMany({
    where: { id: challenge.id, consumedAt: null },
    data: { consumedAt: now },
  });
  if (count === 0) throw invalid();
}
