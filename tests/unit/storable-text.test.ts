import { describe, expect, it } from 'vitest';
import { campaignStatusBody } from '../../server/modules/campaigns/schemas.js';
import { isStorableText, unstorableText } from '../../server/shared/storable-text.js';

// Doors other than the API (the back office) parse use-case input with the same schemas, without the API's check.
describe('text PostgreSQL can store', () => {
  it('tells unstorable text apart, surrogate pairs (emoji) being storable', () => {
    for (const text of ['Clip\u0000drop', 'Clip \ud800 drop', '\udc00 Clip', 'x\ud800']) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(false);
    }
    for (const text of ['', 'Clip 🎬 drop', 'Zoë', '\ud83c\udfac']) expect(isStorableText(text), text).toBe(true);
    expect(unstorableText({ reason: ['ok', 'a\u0000'] })).toEqual([{ path: 'reason.1', message: expect.any(String) }]);
  });

  it('refuses a discard reason the database could not store', () => {
    for (const reason of ['Spam\u0000campaign', 'Spam \ud800 campaign']) {
      const parsed = campaignStatusBody.safeParse({ status: 'DISCARDED', reason });
      expect(parsed.success, JSON.stringify(reason)).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['reason']);
    }
    expect(campaignStatusBody.parse({ status: 'DISCARDED', reason: ' Spam 🎬 ' }).reason).toBe('Spam 🎬');
  });
});
