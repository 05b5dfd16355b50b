import { z } from 'zod';
import type { FieldIssue } from './errors.js';

/**
 * Text PostgreSQL cannot store: the NUL character (refused by every text column) and UTF-16 surrogates without
 * their pair (no UTF-8 form). JSON, URLs and forms can carry them, so every door checks with this one rule before
 * the database sees the text, instead of a database error answering a 500: the API checks every string of a
 * request, the back office its forms, record ids and filters, and the use-case schemas other doors share refuse it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is the point.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const EVERY_UNSTORABLE = new RegExp(UNSTORABLE.source, 'g');
export const UNSTORABLE_MESSAGE = 'contains a character that cannot be stored (NUL or an unpaired surrogate)';
// Enough to show the caller what to fix; a body full of bad strings does not need a thousand lines back.
const MAX_ISSUES = 20;

/** Whether PostgreSQL can store `text` as it is. */
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** A string schema that refuses unstorable text, for inputs of use cases that doors other than the API call. */
export const storableString = () => z.string().refine(isStorableText, UNSTORABLE_MESSAGE);

interface Node {
  value: unknown;
  key?: string | number;
  parent?: Node;
}

function pathOf(node: Node): string {
  const keys: Array<string | number> = [];
  for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) keys.unshift(at.key);
  return keys.join('.');
}

/**
 * Every string of `input`, key or value, that cannot be stored, named by its path as validation errors name
 * fields. Walked with a stack and parent links, not recursion: a body of 50,000 nested arrays fits the size limit
 * and must neither overflow the stack nor copy its path at every level.
 */
export function unstorableText(input: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pending: Node[] = [{ value: input }];
  for (let node = pending.pop(); node && issues.length < MAX_ISSUES; node = pending.pop()) {
    const { value } = node;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) issues.push({ path: pathOf(node), message: UNSTORABLE_MESSAGE });
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) {
        pending.push({ value: value[index], key: index, parent: node });
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value).reverse()) {
        // A bad key is named by what can be shown of it: echoing it would send the character back.
        if (UNSTORABLE.test(key)) {
          issues.push({
            path: pathOf({ value: item, key: key.replace(EVERY_UNSTORABLE, '?'), parent: node }),
            message: UNSTORABLE_MESSAGE,
          });
        } else pending.push({ value: item, key, parent: node });
      }
    }
  }
  return issues;
}
