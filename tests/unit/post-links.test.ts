import { describe, expect, it } from 'vitest';
import {
  type NormalisedPostLink,
  normalisePostLink,
  PLATFORM_HOSTS,
  POST_LINK_ERROR_REASONS,
  PostLinkError,
  type PostLinkErrorReason,
  type PostPlatform,
} from '../../server/modules/submissions/post-links.js';

function reasonOf(input: string): PostLinkErrorReason | 'ACCEPTED' {
  try {
    normalisePostLink(input);
    return 'ACCEPTED';
  } catch (error) {
    if (error instanceof PostLinkError) return error.reason;
    throw error;
  }
}

const TT = '7301234567890123456';
const YT = 'dQw4w9WgXcQ';
const IG = 'C1a2B3c4D5e';
const XID = '1790000000000000001';

/** Every accepted form of one post, grouped by the post it names: each group must agree on platform and id. */
const ACCEPTED: { platform: PostPlatform; id: string; url: string; forms: string[] }[] = [
  {
    platform: 'TIKTOK',
    id: TT,
    url: `https://www.tiktok.com/@maya.cuts/video/${TT}`,
    forms: [
      `https://www.tiktok.com/@maya.cuts/video/${TT}`,
      `https://tiktok.com/@maya.cuts/video/${TT}`,
      `https://m.tiktok.com/@maya.cuts/video/${TT}/`,
      `http://www.tiktok.com/@Maya.Cuts/video/${TT}?is_from_webapp=1&sender_device=pc#comments`,
      `HTTPS://WWW.TIKTOK.COM/@maya.cuts/video/${TT}`,
      `https://www.tiktok.com:443/@maya.cuts/video/${TT}`,
      `https://www.tiktok.com./@maya.cuts/video/${TT}`,
      `  https://www.tiktok.com/@maya.cuts/video/${TT}\n`,
      `www.tiktok.com/@maya.cuts/video/${TT}`,
      `tiktok.com/@maya.cuts/video/${TT}`,
    ],
  },
  {
    platform: 'TIKTOK',
    id: TT,
    url: `https://www.tiktok.com/embed/v2/${TT}`,
    forms: [
      `https://m.tiktok.com/v/${TT}.html`,
      `https://m.tiktok.com/v/${TT}.html?u_code=abc`,
      `https://www.tiktok.com/embed/v2/${TT}`,
      `https://www.tiktok.com/embed/${TT}`,
      `https://www.tiktok.com/@${'%F0%9F%98%80'}/video/${TT}`,
    ],
  },
  {
    platform: 'YOUTUBE',
    id: YT,
    url: `https://www.youtube.com/shorts/${YT}`,
    forms: [
      `https://www.youtube.com/shorts/${YT}`,
      `https://youtube.com/shorts/${YT}?feature=share`,
      `https://m.youtube.com/shorts/${YT}/`,
      `https://youtu.be/${YT}`,
      `https://youtu.be/${YT}?si=Abc123xyz&t=4`,
      `https://www.youtube.com/watch?v=${YT}`,
      `https://m.youtube.com/watch?feature=shared&v=${YT}#t=10`,
      `https://www.youtube.com/embed/${YT}`,
      `youtube.com/shorts/${YT}`,
    ],
  },
  {
    platform: 'YOUTUBE',
    id: 'Xy9_Kq2LmN-',
    url: 'https://www.youtube.com/shorts/Xy9_Kq2LmN-',
    forms: ['https://youtube.com/shorts/Xy9_Kq2LmN-', 'https://youtu.be/Xy9_Kq2LmN-'],
  },
  {
    platform: 'INSTAGRAM',
    id: IG,
    url: `https://www.instagram.com/reel/${IG}`,
    forms: [
      `https://www.instagram.com/reel/${IG}/`,
      `https://www.instagram.com/reel/${IG}`,
      `https://instagram.com/reels/${IG}/?igsh=MWQ1ZGUxMzBkMA==`,
      `https://www.instagram.com/p/${IG}/`,
      `https://www.instagram.com/leo.edits/reel/${IG}/`,
      `https://www.instagram.com/leo.edits/p/${IG}`,
      `https://m.instagram.com/reel/${IG}/`,
      `https://instagr.am/reel/${IG}`,
      `https://www.instagram.com/REEL/${IG}/`,
    ],
  },
  {
    platform: 'X',
    id: XID,
    url: `https://x.com/i/status/${XID}`,
    forms: [
      `https://x.com/mayacuts/status/${XID}`,
      `https://x.com/mayacuts/status/${XID}?s=20&t=abc`,
      `https://twitter.com/mayacuts/status/${XID}`,
      `https://www.twitter.com/mayacuts/status/${XID}/`,
      `https://mobile.twitter.com/mayacuts/status/${XID}`,
      `https://mobile.x.com/mayacuts/status/${XID}`,
      `https://x.com/i/web/status/${XID}`,
      `https://x.com/i/status/${XID}`,
      `https://x.com/mayacuts/status/${XID}/video/1`,
      `https://x.com/mayacuts/status/${XID}/photo/2`,
      `https://twitter.com/mayacuts/statuses/${XID}`,
      `x.com/mayacuts/status/${XID}`,
    ],
  },
  { platform: 'X', id: '20', url: 'https://x.com/i/status/20', forms: ['https://twitter.com/jack/status/20'] },
];

describe('normalisePostLink: accepted forms', () => {
  for (const group of ACCEPTED) {
    describe(`${group.platform} ${group.id} → ${group.url}`, () => {
      it.each(group.forms)('%s', (form) => {
        expect(normalisePostLink(form)).toEqual<NormalisedPostLink>({
          platform: group.platform,
          platformPostId: group.id,
          url: group.url,
        });
      });
    });
  }

  it('keeps the case of Instagram shortcodes and YouTube ids (they are case-sensitive)', () => {
    expect(normalisePostLink('https://www.instagram.com/reel/AbCdE/').platformPostId).toBe('AbCdE');
    expect(normalisePostLink('https://www.instagram.com/reel/abcde/').platformPostId).toBe('abcde');
    expect(normalisePostLink('https://youtu.be/ABCDEFGHIJK').platformPostId).toBe('ABCDEFGHIJK');
  });

  it('accepts TikTok ids of 15 to 22 digits and X ids of 1 to 20 digits', () => {
    for (const id of ['1'.repeat(15), '7'.repeat(22)]) {
      expect(normalisePostLink(`https://www.tiktok.com/@a/video/${id}`).platformPostId).toBe(id);
    }
    for (const id of ['1', '9'.repeat(20)]) {
      expect(normalisePostLink(`https://x.com/a/status/${id}`).platformPostId).toBe(id);
    }
  });

  it('gives back a canonical URL that normalises to itself', () => {
    for (const group of ACCEPTED) {
      for (const form of group.forms) {
        const once = normalisePostLink(form);
        expect(normalisePostLink(once.url)).toEqual(once);
      }
    }
  });

  it('lists each supported host under one platform', () => {
    const hosts = Object.values(PLATFORM_HOSTS).flat();
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(PLATFORM_HOSTS.TIKTOK).toContain('tiktok.com');
  });
});

const REJECTED: [PostLinkErrorReason, string[]][] = [
  [
    'NOT_A_URL',
    ['', '   ', 'hello', 'not a link at all', 'https://', 'http://exa mple.com/x', 'https://[::1/x', '@maya.cuts'],
  ],
  ['TOO_LONG', [`https://www.tiktok.com/@a/video/${TT}?q=${'a'.repeat(2048)}`]],
  [
    'UNSUPPORTED_SCHEME',
    [
      'javascript:alert(1)',
      'JavaScript://www.tiktok.com/%0aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      `ftp://www.tiktok.com/@a/video/${TT}`,
      `file:///www.tiktok.com/@a/video/${TT}`,
      `wss://x.com/a/status/${XID}`,
      'mailto:someone@x.com',
    ],
  ],
  [
    'CREDENTIALS_IN_URL',
    [
      `https://user:pass@www.tiktok.com/@a/video/${TT}`,
      `https://user@x.com/a/status/${XID}`,
      `https://www.tiktok.com@evil.example/@a/video/${TT}`,
    ],
  ],
  [
    'NON_DEFAULT_PORT',
    [
      `https://www.tiktok.com:8443/@a/video/${TT}`,
      `http://youtube.com:443/shorts/${YT}`,
      `https://x.com:80/a/status/1`,
    ],
  ],
  [
    'UNSUPPORTED_HOST',
    [
      `https://tiktok.com.evil.example/@a/video/${TT}`,
      `https://eviltiktok.com/@a/video/${TT}`,
      `https://tiktok.co/@a/video/${TT}`,
      `https://www.www.tiktok.com/@a/video/${TT}`,
      `https://xn--tiktk-rta.com/@a/video/${TT}`,
      `https://tiktök.com/@a/video/${TT}`,
      `https://music.youtube.com/watch?v=${YT}`,
      `https://studio.youtube.com/video/${YT}/edit`,
      `https://www.youtube-nocookie.com/embed/${YT}`,
      `https://fxtwitter.com/a/status/${XID}`,
      `https://vxtwitter.com/a/status/${XID}`,
      `https://fixupx.com/a/status/${XID}`,
      `https://www.threads.net/@a/post/${IG}`,
      `https://192.168.0.1/@a/video/${TT}`,
      `https://0x7f.0.0.1/shorts/${YT}`,
      `https://[::1]/shorts/${YT}`,
      'https://localhost/shorts/dQw4w9WgXcQ',
      'https://constructor/shorts/dQw4w9WgXcQ',
      'https://__proto__/shorts/dQw4w9WgXcQ',
      'https://tostring/shorts/dQw4w9WgXcQ',
      `https://example.com/?u=https://www.tiktok.com/@a/video/${TT}`,
    ],
  ],
  [
    'SHORT_LINK',
    [
      'https://vm.tiktok.com/ZMabc123/',
      'https://vt.tiktok.com/ZSabc123/',
      'https://www.tiktok.com/t/ZTRabc123/',
      'https://t.co/AbCdEf123',
      `https://www.instagram.com/share/reel/${IG}/`,
    ],
  ],
  [
    'NOT_A_POST',
    [
      'https://www.tiktok.com/',
      'https://www.tiktok.com/@maya.cuts',
      'https://www.tiktok.com/@maya.cuts/live',
      'https://www.tiktok.com/search?q=cola',
      'https://www.tiktok.com/tag/festival',
      'https://www.tiktok.com/foryou',
      'https://www.youtube.com/',
      'https://www.youtube.com/@mayacuts',
      'https://www.youtube.com/@mayacuts/shorts',
      'https://www.youtube.com/channel/UC1234567890',
      'https://www.youtube.com/results?search_query=cola',
      'https://www.youtube.com/shorts/',
      'https://youtu.be/',
      'https://www.instagram.com/',
      'https://www.instagram.com/leo.edits/',
      'https://www.instagram.com/leo.edits/reels/',
      'https://www.instagram.com/reels/',
      'https://www.instagram.com/explore/tags/festival/',
      'https://www.instagram.com/stories/leo.edits/3141592653589793238/',
      'https://x.com/',
      'https://x.com/home',
      'https://x.com/mayacuts',
      'https://x.com/mayacuts/media',
      'https://x.com/search?q=cola',
      'https://x.com/hashtag/festival',
      'https://x.com/i/bookmarks',
    ],
  ],
  ['NOT_A_VIDEO', [`https://www.tiktok.com/@maya.cuts/photo/${TT}`]],
  [
    'INVALID_POST_ID',
    [
      'https://www.tiktok.com/@a/video/12345',
      `https://www.tiktok.com/@a/video/${'1'.repeat(23)}`,
      `https://www.tiktok.com/@a/video/0${TT.slice(1)}`,
      `https://www.tiktok.com/@a/video/${TT}abc`,
      'https://www.tiktok.com/@a/video',
      'https://m.tiktok.com/v/123.html',
      'https://www.youtube.com/shorts/dQw4w9WgXc',
      'https://www.youtube.com/shorts/dQw4w9WgXcQQ',
      'https://www.youtube.com/shorts/dQw4w9W%67XcQ',
      'https://www.youtube.com/watch',
      'https://www.youtube.com/watch?v=',
      'https://www.youtube.com/watch?v=dQw4w9WgX.Q',
      'https://youtu.be/dQw4',
      'https://www.instagram.com/reel/abcd/',
      `https://www.instagram.com/reel/${'a'.repeat(65)}/`,
      'https://www.instagram.com/reel/C1a2B%3c4D5e/',
      'https://x.com/a/status/',
      'https://x.com/a/status/0123',
      `https://x.com/a/status/${'1'.repeat(21)}`,
      'https://x.com/a/status/12ab',
      'https://x.com/i/web/status/',
    ],
  ],
  [
    'UNRECOGNISED_PATH',
    [
      `https://www.tiktok.com/@a/video/${TT}/extra`,
      `https://www.tiktok.com/@a/clip/${TT}`,
      `https://www.tiktok.com/something/${TT}`,
      `https://www.youtube.com/live/${YT}`,
      `https://www.youtube.com/shorts/${YT}/extra`,
      `https://youtu.be/${YT}/extra`,
      `https://www.instagram.com/leo.edits/reel/${IG}/extra`,
      `https://www.instagram.com/leo.edits/something/${IG}`,
      `https://x.com/a/status/${XID}/retweets`,
      `https://x.com/a/status/${XID}/video/12`,
      `https://x.com/a/lists/${XID}`,
    ],
  ],
];

describe('normalisePostLink: rejections', () => {
  for (const [reason, inputs] of REJECTED) {
    describe(reason, () => {
      it.each(inputs)('%s', (input) => {
        expect(reasonOf(input)).toBe(reason);
      });
    });
  }

  it('covers every reason in the table', () => {
    expect(REJECTED.map(([reason]) => reason).sort()).toEqual([...POST_LINK_ERROR_REASONS].sort());
  });

  it('throws a PostLinkError with a message for the clipper and the platform when known', () => {
    let caught: unknown;
    try {
      normalisePostLink('https://vm.tiktok.com/ZMabc123/');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PostLinkError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ name: 'PostLinkError', reason: 'SHORT_LINK', platform: 'TIKTOK' });
    expect((caught as PostLinkError).message).toMatch(/full link/);
    expect(() => normalisePostLink('https://evil.example/')).toThrow(
      expect.objectContaining({ reason: 'UNSUPPORTED_HOST', platform: undefined }),
    );
  });

  it('refuses a non-string input as NOT_A_URL rather than crashing', () => {
    expect(reasonOf(undefined as unknown as string)).toBe('NOT_A_URL');
    expect(reasonOf(42 as unknown as string)).toBe('NOT_A_URL');
  });
});

/** Small deterministic generator (mulberry32), so a failure reproduces from its seed. */
function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const chars = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join('');
  return { next, int, pick, chars };
}

const DIGITS = '0123456789';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

describe('normalisePostLink: properties over generated links', () => {
  it('maps every written form of a random post to the same (platform, id), and the canonical URL to itself', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const decorate = (url: string) => {
        let out = url;
        if (!out.includes('?') && r.next() < 0.3) out = `${out}/`;
        if (r.next() < 0.3) out = `${out}${out.includes('?') ? '&' : '?'}utm_source=${r.chars(B64URL, 6)}`;
        if (r.next() < 0.2) out = `${out}#${r.chars(B64URL, 4)}`;
        if (r.next() < 0.2) out = out.replace('https://', 'http://');
        if (r.next() < 0.2) out = ` ${out}\t`;
        return out;
      };
      const handle = r.chars('abcdefghijklmnopqrstuvwxyz0123456789_', r.int(1, 15));
      const platform = r.pick<PostPlatform>(['TIKTOK', 'YOUTUBE', 'INSTAGRAM', 'X']);
      let id: string;
      let forms: string[];
      switch (platform) {
        case 'TIKTOK':
          id = `${r.int(1, 9)}${r.chars(DIGITS, r.int(14, 21))}`;
          forms = [
            `https://${r.pick(['', 'www.', 'm.'])}tiktok.com/@${handle}/video/${id}`,
            `https://m.tiktok.com/v/${id}.html`,
            `https://www.tiktok.com/embed/v2/${id}`,
          ];
          break;
        case 'YOUTUBE':
          id = r.chars(B64URL, 11);
          forms = [
            `https://${r.pick(['', 'www.', 'm.'])}youtube.com/shorts/${id}`,
            `https://youtu.be/${id}`,
            `https://www.youtube.com/watch?v=${id}`,
            `https://www.youtube.com/embed/${id}`,
          ];
          break;
        case 'INSTAGRAM':
          id = r.chars(B64URL, r.int(5, 64));
          forms = [
            `https://${r.pick(['', 'www.'])}instagram.com/${r.pick(['reel', 'reels', 'p'])}/${id}`,
            `https://www.instagram.com/${handle}/reel/${id}`,
            `https://instagr.am/reel/${id}`,
          ];
          break;
        case 'X':
          id = `${r.int(1, 9)}${r.chars(DIGITS, r.int(0, 19))}`;
          forms = [
            `https://${r.pick(['', 'mobile.'])}${r.pick(['x.com', 'twitter.com'])}/${handle}/status/${id}`,
            `https://x.com/i/web/status/${id}`,
            `https://x.com/${handle}/status/${id}/video/1`,
          ];
          break;
      }
      for (const form of forms) {
        const link = normalisePostLink(decorate(form));
        expect({ seed, form, platform: link.platform, id: link.platformPostId }).toEqual({
          seed,
          form,
          platform,
          id,
        });
        expect(normalisePostLink(link.url)).toEqual(link);
      }
    }
  });

  it('either accepts or throws a PostLinkError on arbitrary text, never anything else', () => {
    const pieces = [
      'https://',
      'http://',
      'javascript:',
      '//',
      'www.',
      'm.',
      'tiktok.com',
      'youtube.com',
      'youtu.be',
      'instagram.com',
      'x.com',
      'evil.example',
      '@',
      ':',
      '/',
      '?',
      '#',
      '%',
      '.',
      '[',
      ']',
      'video',
      'status',
      'shorts',
      'reel',
      'v=',
      TT,
      YT,
      ' ',
      '\u0000',
      '\u00e9',
    ];
    for (let seed = 1; seed <= 2000; seed++) {
      const r = rng(seed);
      const text = Array.from({ length: r.int(0, 10) }, () => r.pick(pieces)).join('');
      let result: NormalisedPostLink | PostLinkError;
      try {
        result = normalisePostLink(text);
      } catch (error) {
        expect(error, `seed ${seed}: ${JSON.stringify(text)}`).toBeInstanceOf(PostLinkError);
        continue;
      }
      // Whatever is accepted comes back on a first-party https URL, rebuilt from an id that passes its own check.
      expect(result.url).toMatch(/^https:\/\/(www\.tiktok\.com|www\.youtube\.com|www\.instagram\.com|x\.com)\//);
      expect(normalisePostLink(result.url)).toEqual(result);
    }
  });
});
