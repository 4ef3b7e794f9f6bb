/**
 * Browser measurements in Chromium (Playwright, one browser, a fresh context per page load).
 * Pages come from a tiny node:http server; Telegram's library comes from the mock, delayed by control.
 *
 * First paint: an inline script (before the bundle) polls once per animation frame and records
 * performance.now() (ms since navigation start) at the first frame in which the button has a non-zero
 * box; First Contentful Paint is recorded beside it as a cross-check.
 * Layout shift: the same probe sums every layout-shift entry (without recent input); `lang="ru"` and
 * `lang="ar"` pages load the drop-in as docs/element.md says (blocking="render") and are read once
 * Telegram's library has loaded and two more frames have passed.
 * Click to popup: a capturing click listener on window (the first listener to run) records the time,
 * and a window.open wrapper installed before the bundle records when the popup has been created and
 * whether that happened in the click's own task (a flag the click sets and a MessageChannel task clears).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import type { MockTelegram } from 'telegram-login-kit/mock';
import { chromiumExecutable } from '../e2e/browser.js';
import { assert, median } from './util.js';

export const LOADS = 20;
export const LIBRARY_DELAY_MS = 3000;
/** Telegram-style loads each wait out the delay; this many run side by side. */
const TELEGRAM_PARALLEL = 5;

export interface BrowserResult {
  chromium: string;
  ours: { medianMs: number; maxMs: number; fcpMedianMs: number; samples: number[] };
  telegramStyle: { medianMs: number; fcpMedianMs: number; samples: number[]; parallel: number };
  ratio: number;
  clickLoaded: ClickStats;
  clickLoading: ClickStats;
  /** cumulative layout shift per language, the largest of the loads (0 = none at all) */
  layoutShift: { lang: string; max: number; loads: number }[];
}

export interface ClickStats {
  /** click -> the popup created (window.open returned) */
  medianMs: number;
  maxMs: number;
  /** click -> window.open called: the element's own part */
  callMedianMs: number;
  callMaxMs: number;
  sameTask: number;
  samples: number;
  values: number[];
}

interface PageStats {
  paint: number | null;
  shift: number;
  fcp: number | null;
  clicks: { clickAt: number; before: number; after: number; sameTask: boolean; opened: boolean; libraryReady: boolean }[];
}

const PROBE = (selector: string) => `<script>
(() => {
  const bench = (window.__bench = { paint: null, fcp: null, shift: 0, clicks: [] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) bench.shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') bench.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const probe = () => {
    const host = document.querySelector(${JSON.stringify(selector)});
    const target = host && (host.shadowRoot ? host.shadowRoot.querySelector('button') : host);
    const box = target && target.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0) bench.paint = performance.now();
    else requestAnimationFrame(probe);
  };
  requestAnimationFrame(probe);
  let inClickTask = false;
  let clickAt = 0;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { inClickTask = false; };
  addEventListener('click', () => {
    clickAt = performance.now();
    inClickTask = true;
    channel.port2.postMessage(0);
  }, true);
  const open = window.open;
  window.open = function (...args) {
    const before = performance.now();
    const libraryReady = !!(window.Telegram && window.Telegram.Login);
    const popup = open.apply(this, args);
    bench.clicks.push({ clickAt, before, after: performance.now(), sameTask: inClickTask, opened: !!popup, libraryReady });
    return popup;
  };
})();
</script>`;

/** Languages whose first paint is checked for layout shift: a longer label, and right to left. */
const SHIFT_LANGS = ['ru', 'ar'];
const SHIFT_LOADS = 10;

function pages(mock: MockTelegram): Record<string, string> {
  const client = mock.defaultClient.id;
  const shiftPages = SHIFT_LANGS.map((lang) => [
    `/shift-${lang}`,
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>layout shift ${lang}</title>
${PROBE('telegram-login-button')}
<script type="module" src="/telegram-login-kit.js" blocking="render"></script>
</head><body><p>Before</p>
<telegram-login-button client-id="${client}" library-src="${mock.libraryUrl}"></telegram-login-button>
<p>After</p></body></html>`,
  ]);
  return {
    ...Object.fromEntries(shiftPages),
    '/ours': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ours</title>
${PROBE('telegram-login-button')}
<script type="module" src="/telegram-login-kit.js"></script>
</head><body>
<telegram-login-button client-id="${client}" library-src="${mock.libraryUrl}"></telegram-login-button>
</body></html>`,
    // Telegram's own snippet: the button exists only once its script has run.
    '/telegram-style': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>telegram-style</title>
${PROBE('.tg-auth-button')}
</head><body>
<script src="${mock.libraryUrl}" data-client-id="${client}"></script>
<button class="tg-auth-button">Log in with Telegram</button>
</body></html>`,
  };
}

async function serve(mock: MockTelegram): Promise<{ origin: string; server: Server }> {
  const html = pages(mock);
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    // The drop-in and its lazy chunks, as a self-hosting site serves the dist folder.
    if (/^\/(chunks\/)?[\w.-]+\.js$/.test(path)) {
      const file = await readFile(new URL(`../../../dist${path}`, import.meta.url)).catch(() => null);
      if (file) res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }).end(file);
      else res.writeHead(404).end();
    } else if (html[path]) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html[path]);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Loads `url` in a fresh context, waits for the first paint, optionally clicks; returns the page's figures. */
async function load(browser: Browser, url: string, click?: 'loaded' | 'loading', settle = false): Promise<PageStats> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error on ${url}: ${error.message}`));
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction('window.__bench && window.__bench.paint !== null', null, { timeout: 20_000 });
    if (click) {
      if (click === 'loaded') await page.waitForFunction('!!(window.Telegram && window.Telegram.Login)', null, { timeout: 10_000 });
      await page.click('telegram-login-button', { noWaitAfter: true });
      await page.waitForFunction('window.__bench.clicks.length > 0', null, { timeout: 10_000 });
    }
    await page.waitForFunction('window.__bench.fcp !== null', null, { timeout: 5_000 }).catch(() => undefined);
    if (settle) {
      // Every shift the first paint and the library's arrival could cause has been reported two frames later.
      await page.waitForFunction('!!(window.Telegram && window.Telegram.Login)', null, { timeout: 10_000 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
    return (await page.evaluate('window.__bench')) as PageStats;
  } finally {
    await context.close();
  }
}

function clickStats(runs: PageStats[], libraryReady: boolean): ClickStats {
  const values: number[] = [];
  const calls: number[] = [];
  let sameTask = 0;
  for (const run of runs) {
    const first = run.clicks[0];
    assert(first && first.opened, 'the click opened no popup');
    assert(first.libraryReady === libraryReady, `library was ${first.libraryReady ? '' : 'not '}ready at the click, expected the opposite`);
    values.push(first.after - first.clickAt);
    calls.push(first.before - first.clickAt);
    if (first.sameTask) sameTask++;
  }
  return { medianMs: median(values), maxMs: Math.max(...values), callMedianMs: median(calls), callMaxMs: Math.max(...calls), sameTask, samples: values.length, values };
}

export async function runBrowser(mock: MockTelegram): Promise<BrowserResult> {
  const { origin, server } = await serve(mock);
  const browser = await chromium.launch({ executablePath: chromiumExecutable() });
  try {
    const version = browser.version();
    await mock.control({ reset: true });
    await load(browser, `${origin}/ours`); // warm-up: first launch costs are not the element's

    await mock.control({ delay: { path: '/js/telegram-login.js', ms: LIBRARY_DELAY_MS } });
    let mark = performance.now();
    const lap = (what: string) => {
      process.stderr.write(`bench:   browser ${what} ${((performance.now() - mark) / 1000).toFixed(1)} s\n`);
      mark = performance.now();
    };
    const ours: PageStats[] = [];
    for (let i = 0; i < LOADS; i++) ours.push(await load(browser, `${origin}/ours`));
    lap('first paint, ours');
    const telegram: PageStats[] = [];
    while (telegram.length < LOADS) {
      const batch = Math.min(TELEGRAM_PARALLEL, LOADS - telegram.length);
      telegram.push(...(await Promise.all(Array.from({ length: batch }, () => load(browser, `${origin}/telegram-style`)))));
    }
    lap('first paint, Telegram-style');
    const clickLoading: PageStats[] = [];
    for (let i = 0; i < LOADS; i++) clickLoading.push(await load(browser, `${origin}/ours`, 'loading'));

    lap('click, library loading');
    await mock.control({ reset: true });
    const clickLoaded: PageStats[] = [];
    for (let i = 0; i < LOADS; i++) clickLoaded.push(await load(browser, `${origin}/ours`, 'loaded'));

    lap('click, library loaded');
    const layoutShift: BrowserResult['layoutShift'] = [];
    for (const lang of SHIFT_LANGS) {
      const shifts: number[] = [];
      for (let i = 0; i < SHIFT_LOADS; i++) shifts.push((await load(browser, `${origin}/shift-${lang}`, undefined, true)).shift);
      layoutShift.push({ lang, max: Math.max(...shifts), loads: SHIFT_LOADS });
    }
    lap('layout shift');
    const paints = (runs: PageStats[]) => runs.map((run) => run.paint!);
    const fcps = (runs: PageStats[]) => runs.map((run) => run.fcp).filter((v): v is number => v !== null);
    const oursPaint = paints(ours);
    const telegramPaint = paints(telegram);
    return {
      chromium: version,
      ours: { medianMs: median(oursPaint), maxMs: Math.max(...oursPaint), fcpMedianMs: median(fcps(ours)), samples: oursPaint },
      telegramStyle: { medianMs: median(telegramPaint), fcpMedianMs: median(fcps(telegram)), samples: telegramPaint, parallel: TELEGRAM_PARALLEL },
      ratio: median(telegramPaint) / median(oursPaint),
      clickLoaded: clickStats(clickLoaded, true),
      clickLoading: clickStats(clickLoading, false),
      layoutShift,
    };
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await mock.control({ reset: true });
  }
}
