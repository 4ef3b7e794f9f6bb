import type { TelegramAuthCallbackData } from '../types.js';

const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Finds `window.a.b.c` for the `onauth` attribute by walking own-or-inherited properties; nothing is
 * evaluated. Only the page's own functions qualify: an injected `onauth="location.assign"` must not
 * reach a built-in.
 */
export function resolveGlobalCallback(path: string): ((data: TelegramAuthCallbackData) => void) | undefined {
  if (!IDENTIFIER_PATH.test(path)) return undefined;
  let owner: unknown;
  let target: unknown = globalThis;
  for (const key of path.split('.')) {
    if (FORBIDDEN_KEYS.has(key) || target === null || (typeof target !== 'object' && typeof target !== 'function')) return undefined;
    owner = target;
    target = (target as Record<string, unknown>)[key];
  }
  if (typeof target !== 'function') return undefined;
  if (/\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(target))) return undefined;
  return (target as (data: TelegramAuthCallbackData) => void).bind(owner);
}
