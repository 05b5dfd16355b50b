/**
 * Post-link normalisation: the link a clipper pasted becomes (platform, platform post id) plus a canonical URL
 * rebuilt from that id. Pure: no network, so short links that need a redirect to resolve are refused.
 *
 * The same post written different ways (mobile host, tracking query, trailing slash, share URL forms) gives the
 * same (platform, platformPostId); that pair is unique system-wide, which is what makes "already claimed" work.
 * Parsing goes through the WHATWG URL parser; hosts are matched exactly against an allow-list, so lookalike
 * hosts, IP addresses and other platforms all fall out as UNSUPPORTED_HOST.
 */

export type PostPlatform = 'TIKTOK' | 'YOUTUBE' | 'INSTAGRAM' | 'X';

export interface NormalisedPostLink {
  platform: PostPlatform;
  /** TikTok and X: the numeric id as decimal digits; YouTube: the 11-character video id; Instagram: the shortcode. */
  platformPostId: string;
  /** Canonical https URL rebuilt from the id (never the pasted text). */
  url: string;
}

export const POST_LINK_ERROR_REASONS = [
  'NOT_A_URL',
  'TOO_LONG',
  'UNSUPPORTED_SCHEME',
  'CREDENTIALS_IN_URL',
  'NON_DEFAULT_PORT',
  'UNSUPPORTED_HOST',
  'SHORT_LINK',
  'NOT_A_POST',
  'NOT_A_VIDEO',
  'INVALID_POST_ID',
  'UNRECOGNISED_PATH',
] as const;

export type PostLinkErrorReason = (typeof POST_LINK_ERROR_REASONS)[number];

/** Why a pasted link was refused; `message` is written for the clipper and safe to show. */
export class PostLinkError extends Error {
  readonly reason: PostLinkErrorReason;
  /** The platform, when the host was recognised. */
  readonly platform?: PostPlatform;

  constructor(reason: PostLinkErrorReason, message: string, platform?: PostPlatform) {
    super(message);
    this.name = 'PostLinkError';
    this.reason = reason;
    this.platform = platform;
  }
}

export const MAX_POST_LINK_LENGTH = 2048;

/** Accepted hosts per platform, after lower-casing and dropping one leading `www.`, `m.` or `mobile.`. */
export const PLATFORM_HOSTS: Readonly<Record<PostPlatform, readonly string[]>> = {
  TIKTOK: ['tiktok.com'],
  YOUTUBE: ['youtube.com', 'youtu.be'],
  INSTAGRAM: ['instagram.com', 'instagr.am'],
  X: ['x.com', 'twitter.com'],
};

/** First-party redirect hosts: the post id is not in the link, so it cannot be resolved offline. */
const SHORT_LINK_HOSTS: ReadonlyMap<string, PostPlatform> = new Map([
  ['vm.tiktok.com', 'TIKTOK'],
  ['vt.tiktok.com', 'TIKTOK'],
  ['t.co', 'X'],
]);

const HOST_PLATFORM = new Map<string, PostPlatform>(
  (Object.entries(PLATFORM_HOSTS) as [PostPlatform, readonly string[]][]).flatMap(([platform, hosts]) =>
    hosts.map((host) => [host, platform] as const),
  ),
);

const PLATFORM_NAME: Record<PostPlatform, string> = {
  TIKTOK: 'TikTok',
  YOUTUBE: 'YouTube',
  INSTAGRAM: 'Instagram',
  X: 'X',
};

const HOST_PREFIXES = ['www.', 'm.', 'mobile.'];

const TIKTOK_ID = /^[1-9]\d{14,21}$/;
const TIKTOK_HANDLE = /^[a-z0-9_.]{1,24}$/;
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const INSTAGRAM_CODE = /^[A-Za-z0-9_-]{5,64}$/;
const X_ID = /^[1-9]\d{0,19}$/;

/**
 * Normalises a pasted post link to its platform and post id, or throws a PostLinkError saying why not.
 * Surrounding whitespace is ignored; a link without a scheme (`tiktok.com/@a/video/…`) is read as https.
 */
export function normalisePostLink(input: string): NormalisedPostLink {
  if (typeof input !== 'string') throw new PostLinkError('NOT_A_URL', 'Paste the link to your post.');
  const text = input.trim();
  if (text === '') throw new PostLinkError('NOT_A_URL', 'Paste the link to your post.');
  if (text.length > MAX_POST_LINK_LENGTH) {
    throw new PostLinkError('TOO_LONG', `That link is longer than ${MAX_POST_LINK_LENGTH} characters.`);
  }
  const url = parseUrl(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PostLinkError('UNSUPPORTED_SCHEME', 'Post links must start with https://.');
  }
  if (url.username !== '' || url.password !== '') {
    throw new PostLinkError('CREDENTIALS_IN_URL', 'Post links must not contain a user name or password.');
  }
  // The parser drops default ports (443 for https, 80 for http), so any port left is a non-default one.
  if (url.port !== '') throw new PostLinkError('NON_DEFAULT_PORT', 'Post links must not name a port.');

  const host = bareHost(url.hostname);
  const shortLinkPlatform = SHORT_LINK_HOSTS.get(host);
  if (shortLinkPlatform) throw shortLink(shortLinkPlatform);
  const platform = HOST_PLATFORM.get(host);
  if (!platform) {
    throw new PostLinkError(
      'UNSUPPORTED_HOST',
      'Only TikTok, YouTube Shorts, Instagram Reels and X post links are supported.',
    );
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  switch (platform) {
    case 'TIKTOK':
      return tiktok(segments);
    case 'YOUTUBE':
      return host === 'youtu.be' ? youtuBe(segments) : youtube(segments, url.searchParams);
    case 'INSTAGRAM':
      return instagram(segments);
    case 'X':
      return x(segments);
  }
}

function parseUrl(text: string): URL {
  if (URL.canParse(text)) return new URL(text);
  // No scheme (`www.tiktok.com/@a/video/1`): read it as https, if what comes first looks like a host name.
  const withScheme = `https://${text}`;
  if (/^[a-z0-9]/i.test(text) && URL.canParse(withScheme)) {
    const url = new URL(withScheme);
    if (url.hostname.includes('.')) return url;
  }
  throw new PostLinkError('NOT_A_URL', 'That is not a link. Copy the link to your post from the app or browser.');
}

function bareHost(hostname: string): string {
  let host = hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  const prefix = HOST_PREFIXES.find((p) => host.startsWith(p));
  return prefix ? host.slice(prefix.length) : host;
}

const lower = (segment: string | undefined) => segment?.toLowerCase();

function shortLink(platform: PostPlatform): PostLinkError {
  return new PostLinkError(
    'SHORT_LINK',
    `That is a ${PLATFORM_NAME[platform]} short link. Open it and paste the full link from the address bar.`,
    platform,
  );
}

function notAPost(platform: PostPlatform, what: string): PostLinkError {
  return new PostLinkError('NOT_A_POST', `That ${PLATFORM_NAME[platform]} link is ${what}, not a post.`, platform);
}

function unrecognised(platform: PostPlatform): PostLinkError {
  return new PostLinkError(
    'UNRECOGNISED_PATH',
    `That ${PLATFORM_NAME[platform]} link is not one we recognise. Paste the link to the post itself.`,
    platform,
  );
}

function invalidId(platform: PostPlatform): PostLinkError {
  return new PostLinkError(
    'INVALID_POST_ID',
    `The post id in that ${PLATFORM_NAME[platform]} link is missing or malformed. Copy the link again.`,
    platform,
  );
}

// TikTok: /@handle/video/<id>, /v/<id>.html (m.tiktok.com), /embed/v2/<id>, /embed/<id>.
const TIKTOK_PAGES = new Set(['search', 'discover', 'tag', 'music', 'foryou', 'explore', 'following', 'live']);

function tiktok(segments: string[]): NormalisedPostLink {
  const [first, second, third] = segments;
  if (first === undefined) throw notAPost('TIKTOK', 'the home page');
  if (first.startsWith('@')) {
    if (second === undefined) throw notAPost('TIKTOK', 'a profile');
    const kind = lower(second);
    if (kind === 'photo') {
      throw new PostLinkError('NOT_A_VIDEO', 'That TikTok link is a photo post, not a video.', 'TIKTOK');
    }
    if (kind === 'live') throw notAPost('TIKTOK', 'a live stream');
    if (kind !== 'video' || segments.length > 3) throw unrecognised('TIKTOK');
    const id = tiktokId(third);
    const handle = first.slice(1).toLowerCase();
    // The handle only decorates the canonical URL; a malformed one is dropped rather than echoed back.
    const url = TIKTOK_HANDLE.test(handle)
      ? `https://www.tiktok.com/@${handle}/video/${id}`
      : `https://www.tiktok.com/embed/v2/${id}`;
    return { platform: 'TIKTOK', platformPostId: id, url };
  }
  const page = lower(first) as string;
  if (page === 't') throw shortLink('TIKTOK');
  if (page === 'v' && segments.length === 2) {
    return tiktokEmbed(second.endsWith('.html') ? second.slice(0, -'.html'.length) : second);
  }
  if (page === 'embed') {
    if (lower(second) === 'v2' && segments.length === 3) return tiktokEmbed(third);
    if (segments.length === 2) return tiktokEmbed(second);
  }
  if (TIKTOK_PAGES.has(page)) throw notAPost('TIKTOK', 'a search, tag or feed page');
  throw unrecognised('TIKTOK');
}

function tiktokId(candidate: string | undefined): string {
  if (candidate === undefined || !TIKTOK_ID.test(candidate)) throw invalidId('TIKTOK');
  return candidate;
}

function tiktokEmbed(candidate: string | undefined): NormalisedPostLink {
  const id = tiktokId(candidate);
  return { platform: 'TIKTOK', platformPostId: id, url: `https://www.tiktok.com/embed/v2/${id}` };
}

// YouTube: /shorts/<id>, /watch?v=<id>, /embed/<id> on youtube.com; /<id> on youtu.be.
const YOUTUBE_PAGES = new Set(['channel', 'c', 'user', 'results', 'feed', 'playlist', 'hashtag', 'gaming']);

function youtube(segments: string[], query: URLSearchParams): NormalisedPostLink {
  const [first, second] = segments;
  if (first === undefined) throw notAPost('YOUTUBE', 'the home page');
  const page = first.toLowerCase();
  if (page === 'watch' && segments.length === 1) return youtubeVideo(query.get('v') ?? undefined);
  if ((page === 'shorts' || page === 'embed') && segments.length <= 2) {
    if (second === undefined) throw notAPost('YOUTUBE', 'the Shorts feed');
    return youtubeVideo(second);
  }
  if (first.startsWith('@')) throw notAPost('YOUTUBE', 'a channel');
  if (YOUTUBE_PAGES.has(page)) throw notAPost('YOUTUBE', 'a channel, search or feed page');
  throw unrecognised('YOUTUBE');
}

function youtuBe(segments: string[]): NormalisedPostLink {
  if (segments.length === 0) throw notAPost('YOUTUBE', 'the home page');
  if (segments.length > 1) throw unrecognised('YOUTUBE');
  return youtubeVideo(segments[0]);
}

function youtubeVideo(candidate: string | undefined): NormalisedPostLink {
  if (candidate === undefined || !YOUTUBE_ID.test(candidate)) throw invalidId('YOUTUBE');
  return { platform: 'YOUTUBE', platformPostId: candidate, url: `https://www.youtube.com/shorts/${candidate}` };
}

// Instagram: /reel/<code>, /reels/<code>, /p/<code>, /<handle>/reel/<code>, /<handle>/p/<code>.
const INSTAGRAM_POST_KINDS = new Set(['reel', 'reels', 'p']);
const INSTAGRAM_PAGES = new Set(['explore', 'accounts', 'stories', 'direct', 'about', 'legal', 'developer']);
const INSTAGRAM_PROFILE_TABS = new Set(['reels', 'tagged', 'saved', 'followers', 'following', 'igtv']);

function instagram(segments: string[]): NormalisedPostLink {
  const [first, second, third] = segments;
  if (first === undefined) throw notAPost('INSTAGRAM', 'the home page');
  const page = first.toLowerCase();
  if (INSTAGRAM_POST_KINDS.has(page) && segments.length <= 2) {
    if (second === undefined) throw notAPost('INSTAGRAM', 'the Reels feed');
    return instagramPost(second);
  }
  // /share/reel/<token> redirects to the post; the token is not the post's shortcode.
  if (page === 'share') throw shortLink('INSTAGRAM');
  if (INSTAGRAM_PAGES.has(page)) throw notAPost('INSTAGRAM', 'a feed, story or account page');
  if (second === undefined) throw notAPost('INSTAGRAM', 'a profile');
  const kind = second.toLowerCase();
  if ((kind === 'reel' || kind === 'p') && segments.length === 3) return instagramPost(third);
  if (INSTAGRAM_PROFILE_TABS.has(kind) && segments.length === 2) throw notAPost('INSTAGRAM', 'a profile');
  throw unrecognised('INSTAGRAM');
}

function instagramPost(candidate: string | undefined): NormalisedPostLink {
  if (candidate === undefined || !INSTAGRAM_CODE.test(candidate)) throw invalidId('INSTAGRAM');
  // Shortcodes are case-sensitive: kept as written.
  return { platform: 'INSTAGRAM', platformPostId: candidate, url: `https://www.instagram.com/reel/${candidate}` };
}

// X: /<handle>/status/<id>[/video/<n>|/photo/<n>], /i/web/status/<id>, /i/status/<id>.
const X_PAGES = new Set(['home', 'search', 'explore', 'hashtag', 'notifications', 'messages', 'settings', 'i']);
const X_STATUS = new Set(['status', 'statuses']);
const X_MEDIA = new Set(['video', 'photo']);
const X_PROFILE_TABS = new Set(['media', 'likes', 'with_replies', 'highlights', 'articles', 'followers', 'following']);

function x(segments: string[]): NormalisedPostLink {
  const [first] = segments;
  if (first === undefined) throw notAPost('X', 'the home page');
  const page = first.toLowerCase();
  let statusAt = 1;
  if (page === 'i') statusAt = lower(segments[1]) === 'web' ? 2 : 1;
  const status = lower(segments[statusAt]);
  if (status !== undefined && X_STATUS.has(status)) {
    const rest = segments.slice(statusAt + 2);
    const restOk =
      rest.length === 0 || (rest.length === 2 && X_MEDIA.has(rest[0].toLowerCase()) && /^\d$/.test(rest[1]));
    if (!restOk) throw unrecognised('X');
    const id = segments[statusAt + 1];
    if (id === undefined || !X_ID.test(id)) throw invalidId('X');
    return { platform: 'X', platformPostId: id, url: `https://x.com/i/status/${id}` };
  }
  if (X_PAGES.has(page)) throw notAPost('X', 'a feed, search or settings page');
  if (segments.length === 1 || (segments.length === 2 && X_PROFILE_TABS.has(segments[1].toLowerCase()))) {
    throw notAPost('X', 'a profile');
  }
  throw unrecognised('X');
}
