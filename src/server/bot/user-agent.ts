/**
 * The browser and system a login was started from, for the bot's question ("Request from Chrome on
 * Windows"). Only to help the user recognise their own request: a User-Agent is whatever the client
 * sends, so nothing else depends on it. Deliberately small: the families most people use, in the
 * order that tells them apart (Edge and Opera also say Chrome, Chrome also says Safari); anything
 * else is "unknown" rather than a guess.
 */

export interface UserAgentSummary {
  browser?: string;
  os?: string;
}

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|OPT|Opera)\//, 'Opera'],
  [/\bYaBrowser\//, 'Yandex Browser'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  // Automation (Puppeteer, Playwright): worth telling a user who did not start the login.
  [/\bHeadlessChrome\//, 'Headless Chrome'],
  [/\b(?:Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/\bWindows (?:NT|Phone)\b/, 'Windows'],
  [/\biPad\b/, 'iPadOS'],
  [/\b(?:iPhone|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

// Real User-Agents are a few hundred characters; a longer one is not worth matching.
const MAX_LENGTH = 1024;

export function describeUserAgent(userAgent: string | null | undefined): UserAgentSummary {
  if (typeof userAgent !== 'string' || userAgent.length > MAX_LENGTH) return {};
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const os = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return { ...(browser ? { browser } : {}), ...(os ? { os } : {}) };
}
