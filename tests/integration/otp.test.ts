import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  OTP_RESEND_COOLDOWN_MS,
  OTP_SENDS_PER_ADDRESS_PER_HOUR,
  OTP_TTL_MS,
  sendOtp,
} from '../../server/modules/accounts/otp.js';
import { createDevSms } from '../../server/modules/notifications/sms.js';
import { createLogger } from '../../server/shared/logger.js';
import { createUser, lastMailedCode } from '../helpers/accounts.js';
import { createTestApp, setupTestApp } from '../helpers/app.js';

const ctx = setupTestApp('otp');
const api = () => request(ctx.testApp.app);
const db = () => ctx.database.db;
let n = 0;

async function registered(role = 'BRAND') {
  n += 1;
  const email = `otp-${n}@example.test`;
  await api().post('/api/v1/auth/register').send({ email, password: 'a long password', role }).expect(202);
  return { email, code: await lastMailedCode(ctx.testApp, email) };
}

/** Messages in the development mailbox for the address, once deliveries in flight have landed. */
async function mailsTo(to: string): Promise<number> {
  await ctx.testApp.services.mailer.drain();
  return db().devMail.count({ where: { to } });
}

const verify = (email: string, code: string, password = 'a long password') =>
  api().post('/api/v1/auth/verify-otp').send({ email, code, password });
const wrong = (code: string) => (code === '000000' ? '000001' : '000000');

describe('one-time codes', () => {
  it('stores only a hash of the code', async () => {
    const { email, code } = await registered();
    const challenge = await db().otpChallenge.findFirstOrThrow({ where: { destination: email } });
    expect(challenge.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.codeHash).not.toContain(code);
    expect(challenge.expiresAt.getTime() - challenge.createdAt.getTime()).toBe(OTP_TTL_MS);
  });

  it('refuses a wrong code, then spends the code on the fifth wrong guess', async () => {
    const { email, code } = await registered();
    for (let i = 1; i <= 4; i++) {
      const res = await verify(email, wrong(code));
      expect([res.status, res.body.code]).toEqual([400, 'OTP_INVALID']);
    }
    const fifth = await verify(email, wrong(code));
    expect([fifth.status, fifth.body.code]).toEqual([400, 'OTP_EXHAUSTED']);
    const right = await verify(email, code);
    expect([right.status, right.body.code]).toEqual([400, 'OTP_EXHAUSTED']);
  });

  it('expires codes after ten minutes', async () => {
    const { email, code } = await registered();
    ctx.testApp.clock.advance(OTP_TTL_MS);
    const res = await verify(email, code);
    expect([res.status, res.body.code]).toEqual([400, 'OTP_EXPIRED']);
  });

  it('sends a new code at most once a minute, and the new one replaces the old', async () => {
    const { email, code } = await registered();
    const resend = () => api().post('/api/v1/auth/resend-otp').send({ email });
    await resend().expect(202);
    expect(await mailsTo(email)).toBe(1);
    ctx.testApp.clock.advance(OTP_RESEND_COOLDOWN_MS);
    await resend().expect(202);
    expect(await mailsTo(email)).toBe(2);
    const fresh = await lastMailedCode(ctx.testApp, email);
    // The old code no longer matches the live challenge (a wrong guess against the new one).
    if (fresh !== code) expect((await verify(email, code)).body.code).toBe('OTP_INVALID');
    await verify(email, fresh).expect(200);
  });

  it('sends at most five codes an hour to one address', async () => {
    const { email } = await registered();
    for (let i = 0; i < 6; i++) {
      ctx.testApp.clock.advance(OTP_RESEND_COOLDOWN_MS);
      await api().post('/api/v1/auth/resend-otp').send({ email }).expect(202);
    }
    expect(await mailsTo(email)).toBe(5);
    ctx.testApp.clock.advance(3_600_000);
    await api().post('/api/v1/auth/resend-otp').send({ email }).expect(202);
    expect(await mailsTo(email)).toBe(6);
  });

  it('answers a sign-up for a taken address exactly like a new one, and tells the owner instead', async () => {
    const owner = await createUser(ctx.testApp, db(), 'CLIPPER');
    const taken = await api()
      .post('/api/v1/auth/register')
      .send({ email: owner.email, password: 'whatever123', role: 'BRAND' });
    const fresh = await api()
      .post('/api/v1/auth/register')
      .send({ email: 'brand-new@example.test', password: 'whatever123', role: 'BRAND' });
    expect([taken.status, taken.body]).toEqual([fresh.status, fresh.body]);
    await ctx.testApp.services.mailer.drain();
    const mail = await db().devMail.findFirstOrThrow({ where: { to: owner.email } });
    expect(mail.subject).toMatch(/tried to sign up/);
    expect(await db().otpChallenge.count({ where: { userId: owner.id } })).toBe(0);
    const user = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user.role).toBe('CLIPPER');
  });

  it('tells the owner of a taken address within the per-address limits, so sign-ups cannot flood the inbox', async () => {
    const owner = await createUser(ctx.testApp, db(), 'BRAND');
    const signUp = (ip: string) =>
      api()
        .post('/api/v1/auth/register')
        .set('X-Forwarded-For', ip)
        .send({ email: owner.email, password: 'whatever123', role: 'CLIPPER' })
        .expect(202);
    // From many IPs at once: one note, then the cooldown.
    for (let i = 1; i <= 3; i++) await signUp(`198.51.100.${i}`);
    expect(await mailsTo(owner.email)).toBe(1);
    // Past each cooldown another note, up to the address's hourly share.
    for (let i = 0; i < OTP_SENDS_PER_ADDRESS_PER_HOUR + 1; i++) {
      ctx.testApp.clock.advance(OTP_RESEND_COOLDOWN_MS);
      await signUp(`203.0.113.${i + 1}`);
    }
    expect(await mailsTo(owner.email)).toBe(OTP_SENDS_PER_ADDRESS_PER_HOUR);
  });

  it('activates only the registration whose password comes with the code, so a stranger cannot take over', async () => {
    const { email } = await registered('BRAND'); // the owner, with 'a long password'
    ctx.testApp.clock.advance(OTP_RESEND_COOLDOWN_MS);
    // A stranger registers the same unverified address with a password of their own; the code goes to the owner.
    await api()
      .post('/api/v1/auth/register')
      .send({ email, password: 'stranger password', role: 'CLIPPER' })
      .expect(202);
    const code = await lastMailedCode(ctx.testApp, email);
    const refused = await verify(email, code, 'a long password');
    expect([refused.status, refused.body.code, refused.body.detail]).toEqual([
      400,
      'OTP_INVALID',
      'The code or password is wrong.',
    ]);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull();
    // The owner signs up again (their password wins) and activates with the new code.
    ctx.testApp.clock.advance(OTP_RESEND_COOLDOWN_MS);
    await api().post('/api/v1/auth/register').send({ email, password: 'a long password', role: 'BRAND' }).expect(202);
    await verify(email, await lastMailedCode(ctx.testApp, email), 'a long password').expect(200);
    await api().post('/api/v1/auth/login').send({ email, password: 'stranger password' }).expect(401);
    const login = await api().post('/api/v1/auth/login').send({ email, password: 'a long password' });
    expect([login.status, login.body.user?.role]).toEqual([200, 'BRAND']);
  });

  it('counts parallel guesses: no more than five are ever checked', async () => {
    const { email, code } = await registered();
    const guesses = await Promise.all(Array.from({ length: 20 }, () => verify(email, wrong(code))));
    expect(guesses.every((g) => g.status === 400)).toBe(true);
    const challenge = await db().otpChallenge.findFirstOrThrow({ where: { destination: email } });
    expect(challenge.attempts).toBe(5);
    expect((await verify(email, code)).body.code).toBe('OTP_EXHAUSTED');
  });

  it('sends codes by SMS through the same interface (the development channel prints them)', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    const user = await createUser(ctx.testApp, db(), 'CLIPPER');
    const services = {
      ...ctx.testApp.services,
      logger,
      sms: createDevSms({ NODE_ENV: 'development', HOST: '127.0.0.1' }, logger),
    };
    const outcome = await sendOtp(
      { ...services, request: {} },
      {
        userId: user.id,
        purpose: 'LOGIN',
        channel: 'SMS',
        destination: '+15550100',
      },
    );
    expect(outcome).toBe('sent');
    const challenge = await db().otpChallenge.findFirstOrThrow({ where: { userId: user.id } });
    expect(challenge.channel).toBe('SMS');
    const printed = lines.map((l) => JSON.parse(l)).find((l) => l.sms);
    expect(printed.sms.to).toBe('+15550100');
    expect(printed.msg).toMatch(/Your code is \d{6}/);
  });

  it('delivers codes through a real SMTP server when SMTP_URL is set', async () => {
    const received: Buffer[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const { port } = smtp.server.address() as AddressInfo;
    try {
      const mailing = await createTestApp(db(), ctx.database.url, {
        env: { SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`, MAIL_FROM: 'ContentFlow <codes@contentflow.test>' },
      });
      const email = 'smtp-user@example.test';
      await request(mailing.app)
        .post('/api/v1/auth/register')
        .send({ email, password: 'a long password', role: 'CLIPPER' })
        .expect(202);
      await mailing.services.mailer.drain();
      expect(received).toHaveLength(1);
      const mail = await simpleParser(received[0] as Buffer);
      expect(mail.subject).toBe('Your ContentFlow verification code');
      expect(mail.from?.value[0]).toMatchObject({ name: 'ContentFlow', address: 'codes@contentflow.test' });
      expect((mail.to as { text: string }).text).toBe(email);
      const code = mail.text?.match(/\b(\d{6})\b/)?.[1] as string;
      await request(mailing.app)
        .post('/api/v1/auth/verify-otp')
        .send({ email, code, password: 'a long password' })
        .expect(200);
      expect(await mailsTo(email)).toBe(0);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
