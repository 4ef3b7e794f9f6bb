// Which Telegram the demo talks to: the offline mock (no configuration) or the real one (a bot's
// Web Login credentials and the public URL the bot allows). Pure, so a test can check the switch.

export const TELEGRAM_ISSUER = 'https://oauth.telegram.org';
export const TELEGRAM_LIBRARY_SRC = 'https://oauth.telegram.org/js/telegram-login.js?22';

export type DemoMode =
  | { kind: 'mock'; mockPort: number; redirectUri: string }
  | {
      kind: 'telegram';
      clientId: string;
      clientSecret: string;
      issuer: string;
      librarySrc: string;
      /** The demo page's public URL: the handler's redirectUri and the bot's Allowed URL. */
      redirectUri: string;
      /** The host Vite must accept requests for (a tunnel's host name). */
      publicHost: string;
    }
  | { kind: 'invalid'; problems: string[] };

/** Reads the environment: both credentials switch to the real Telegram; PUBLIC_URL is then required. */
export function resolveDemoMode(env: Record<string, string | undefined>, { demoPort }: { demoPort: number }): DemoMode {
  const clientId = env.TELEGRAM_CLIENT_ID?.trim();
  const clientSecret = env.TELEGRAM_CLIENT_SECRET?.trim();
  if (!clientId && !clientSecret) {
    return { kind: 'mock', mockPort: Number(env.MOCK_PORT ?? 9400), redirectUri: `http://localhost:${demoPort}/` };
  }
  const problems: string[] = [];
  if (!clientId) problems.push('TELEGRAM_CLIENT_ID is missing (BotFather → Bot Settings → Web Login → Client ID)');
  else if (!/^\d{1,20}$/.test(clientId)) problems.push(`TELEGRAM_CLIENT_ID must be numeric, got "${clientId}"`);
  if (!clientSecret) problems.push('TELEGRAM_CLIENT_SECRET is missing (the Client Secret, not the bot token)');
  let publicUrl: URL | undefined;
  try {
    publicUrl = new URL(env.PUBLIC_URL ?? '');
  } catch {
    problems.push('PUBLIC_URL is missing: the https URL that reaches this demo (a tunnel), listed in the bot\'s Allowed URLs');
  }
  if (publicUrl && publicUrl.protocol !== 'https:') problems.push(`PUBLIC_URL must be https (Telegram refuses other origins), got "${publicUrl.href}"`);
  if (problems.length > 0 || !publicUrl || !clientId || !clientSecret) return { kind: 'invalid', problems };
  // The demo page is the site root; code flows come back to it.
  const redirectUri = new URL('/', publicUrl).href;
  return {
    kind: 'telegram',
    clientId,
    clientSecret,
    issuer: TELEGRAM_ISSUER,
    librarySrc: TELEGRAM_LIBRARY_SRC,
    redirectUri,
    publicHost: publicUrl.hostname,
  };
}
