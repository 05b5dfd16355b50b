/** Query parameters that are credentials while they live: upload/download signatures, OAuth codes and states. */
const SECRET_PARAMS = ['sig', 'code', 'state', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token'];

/** The URL as logs may keep it: secret query values replaced, so a log reader cannot replay a signed link. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  let changed = false;
  for (const name of SECRET_PARAMS) {
    if (params.has(name)) {
      params.set(name, '[redacted]');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, at)}?${params}` : url;
}

/** pino-http's request serializer, with the URL redacted and the parsed query (a copy of it) left out. */
export function redactedRequest(req: Record<string, unknown>): Record<string, unknown> {
  const { query: _query, ...rest } = req;
  return typeof rest.url === 'string' ? { ...rest, url: redactUrl(rest.url) } : rest;
}
