/** Where every warning code is explained: the error page the package ships. */
export const ERRORS_DOCS = 'https://cdn.jsdelivr.net/npm/telegram-login-kit/docs/errors.md';

const warned = new Set<string>();

/**
 * Integrator mistakes (an invalid attribute, a page header that breaks a flow) are reported on the
 * console once per message, with the code to look up: enough to notice, never a flood.
 */
export function warnOnce(code: string, message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`telegram-login-kit: ${message} [${code}] ${ERRORS_DOCS}`);
}
