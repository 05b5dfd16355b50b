import { describe, expect, it } from 'vitest';
import { attachmentDisposition, isSafeObjectKey } from '../../server/modules/storage/storage-driver.js';
import {
  MAX_URL_TTL_SECONDS,
  mediaType,
  safeFilename,
  uploadIssues,
  uploadKey,
  urlTtlSeconds,
} from '../../server/modules/storage/upload-rules.js';

describe('upload rules', () => {
  it('accepts the allowlisted types up to their maximum size for the purpose', () => {
    expect(uploadIssues({ purpose: 'CAMPAIGN_ASSET', contentType: 'image/png', sizeBytes: 20 * 1024 ** 2 })).toEqual(
      [],
    );
    expect(uploadIssues({ purpose: 'SUBMISSION_CLIP', contentType: 'video/quicktime', sizeBytes: 1024 ** 3 })).toEqual(
      [],
    );
    // The largest allowed size fits the INT column it is stored in.
    expect(1024 ** 3).toBeLessThan(2 ** 31);
  });

  it('names the field that is wrong', () => {
    const paths = (input: Parameters<typeof uploadIssues>[0]) => uploadIssues(input).map((i) => i.path);
    expect(paths({ purpose: 'CAMPAIGN_ASSET', contentType: 'image/gif', sizeBytes: 1 })).toEqual(['contentType']);
    expect(paths({ purpose: 'CAMPAIGN_ASSET', contentType: 'image/jpeg', sizeBytes: 20 * 1024 ** 2 + 1 })).toEqual([
      'sizeBytes',
    ]);
    expect(paths({ purpose: 'SUBMISSION_CLIP', contentType: 'image/jpeg', sizeBytes: 10 })).toEqual(['contentType']);
    expect(paths({ purpose: 'SUBMISSION_CLIP', contentType: 'video/webm', sizeBytes: 0 })).toEqual(['sizeBytes']);
    expect(paths({ purpose: 'SUBMISSION_CLIP', contentType: 'video/webm', sizeBytes: 1.5 })).toEqual(['sizeBytes']);
  });

  it('caps URL lifetimes at 15 minutes whatever is configured', () => {
    expect(MAX_URL_TTL_SECONDS).toBe(900);
    expect(urlTtlSeconds(3600)).toBe(900);
    expect(urlTtlSeconds(300)).toBe(300);
  });

  it('compares media types without parameters or case', () => {
    expect(mediaType('Video/MP4; codecs="avc1"')).toBe('video/mp4');
    expect(mediaType(undefined)).toBe('');
  });
});

describe('object keys and file names', () => {
  it('reduces any filename to safe key characters, keeping the extension', () => {
    expect(safeFilename('My clip (final).mp4')).toBe('My-clip-final-.mp4');
    expect(safeFilename('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFilename('...')).toBe('file');
    expect(safeFilename('Été.mov')).toBe('Ete.mov');
    expect(safeFilename(`${'a'.repeat(300)}.webm`)).toHaveLength(100);
    expect(safeFilename(`${'a'.repeat(300)}.webm`).endsWith('.webm')).toBe(true);
  });

  it('builds keys that pass the key check, and refuses traversal, absolute and odd keys', () => {
    const key = uploadKey('usr_01', 'upl_02', '../x y.png');
    expect(key).toBe('uploads/usr_01/upl_02/x-y.png');
    expect(isSafeObjectKey(key)).toBe(true);
    for (const bad of [
      '../a',
      'a/../b',
      '/etc/passwd',
      'a//b',
      '.tmp/x',
      'a/.meta',
      'a\\b',
      'a/b\0',
      'a b',
      '',
      'a/',
    ]) {
      expect([bad, isSafeObjectKey(bad)]).toEqual([bad, false]);
    }
  });

  it('writes Content-Disposition with an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('a "b".mp4')).toBe(
      `attachment; filename="a _b_.mp4"; filename*=UTF-8''a%20%22b%22.mp4`,
    );
    expect(attachmentDisposition('naïve.png')).toBe(
      `attachment; filename="na_ve.png"; filename*=UTF-8''na%C3%AFve.png`,
    );
  });
});
