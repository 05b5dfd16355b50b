import type { RequestHandler } from 'express';

const EXTERNAL_STYLESHEET = /<link[^>]+href="https?:\/\/[^"]*"[^>]*>/g;
const HTML_PAGE = /^\s*<!DOCTYPE html|^\s*<html/i;

/**
 * AdminJS's page templates link a web font on Google's servers. The back office must work without reaching
 * outside (and the CSP would block it anyway), so the link is cut from the HTML; the system font is used.
 */
export const withoutExternalStylesheets: RequestHandler = (_req, res, next) => {
  const send = res.send.bind(res);
  res.send = (body?: unknown) =>
    send(typeof body === 'string' && HTML_PAGE.test(body) ? body.replace(EXTERNAL_STYLESHEET, '') : body);
  next();
};
