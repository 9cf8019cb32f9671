import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { WorkProgress } from '../../shared/api/imports';
import type { Ctx } from '../../electron/core/context';
import { holdSteps, type StepHold } from '../../electron/core/step-hold';
import { generateDemoData } from '../../electron/demo/generate';
import { bridgeApi, launchChromium, serveRenderer } from '../../electron/testing/browser-app';
import { createTestCtx } from '../../electron/testing/test-db';
import { describeFinding, runAxe, type AxeFinding } from './axe';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = path.join(root, 'test-output', 'screenshots');

export { launchChromium, serveRenderer };

export type TestCtx = ReturnType<typeof createTestCtx>;

/** A fresh database file per test, optionally filled with the demo hospital. */
export function freshDatabase(options: { demo: boolean; today?: IsoDate }): TestCtx {
  const ctx = createTestCtx(options.today);
  if (options.demo)
    generateDemoData(ctx.db, { today: ctx.clock.today(), now: ctx.clock.now(), scale: 'demo' });
  return ctx;
}

/**
 * Opens the app in a new page with `window.api` wired, as the preload does in Electron,
 * to the main process's own dispatch over the test's database.
 */
export async function openApp(browser: Browser, url: string, ctx: Ctx): Promise<Page> {
  // reduced motion: a screen is checked as it rests, never half-way through a fade
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
  });
  // fail a step with its locator named, well before the test's own time limit
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  (page as CheckedPage).problems = problems;
  (page as CheckedPage).axeFindings = [];
  (page as CheckedPage).checkedScreens = new Set();
  await bridgeApi(page, ctx);
  await page.goto(url);
  return page;
}

type CheckedPage = Page & {
  problems?: string[];
  axeFindings?: AxeFinding[];
  /** The routes (hash paths) checked with axe so far. */
  checkedScreens?: Set<string>;
};

/** The screen a page shows: its hash route without the query (`#/accounts/12`). */
function screenOf(page: Page): string {
  return new URL(page.url()).hash.split('?')[0] || '#/';
}

async function checkScreen(page: Page, name: string): Promise<void> {
  const findings = await runAxe(page, name);
  (page as CheckedPage).axeFindings?.push(...findings);
  (page as CheckedPage).checkedScreens?.add(screenOf(page));
  if (findings.length > 0) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(
      path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.axe.txt`),
      findings.map(describeFinding).join('\n') + '\n',
    );
  }
}

/**
 * A screen a test reached but never photographed is checked as the test leaves it, once
 * nothing on it says it is still loading.
 */
async function checkLastScreen(page: Page, test: string): Promise<void> {
  if (page.isClosed() || (page as CheckedPage).checkedScreens?.has(screenOf(page))) return;
  // a screen that keeps a spinner is checked as it is, spinner and all
  await page
    .waitForFunction(
      () => !document.querySelector('[aria-busy="true"], .mantine-Loader-root'),
      null,
      {
        timeout: 5_000,
      },
    )
    .catch(() => undefined);
  await checkScreen(page, `${test}, last screen ${screenOf(page)}`);
}

/**
 * What a failed test's page showed as it failed: its picture, its text and what it reported,
 * so a failure seen once on a loaded machine can be read afterwards, not only guessed at.
 */
async function recordFailure(page: Page, test: string, index: number): Promise<void> {
  if (page.isClosed()) return;
  const name = `failed ${test} page ${index + 1}`.replace(/[^\w.-]+/g, '-');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page
    .screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
    .catch(() => undefined);
  const text = await page.evaluate(() => document.body.innerText).catch((e: unknown) => String(e));
  const problems = pageProblems(page).map((p) => `page problem: ${p}`);
  const record = [`url: ${page.url()}`, ...problems, '', text].join('\n');
  fs.writeFileSync(path.join(SCREENSHOTS, `${name}.txt`), record + '\n');
  // CI keeps only what a run prints: the start of the record goes with the failure
  console.error(`${name}:\n${record.slice(0, 4_000)}`);
}

/** Errors the page reported (uncaught exceptions, console errors). */
export function pageProblems(page: Page): string[] {
  return (page as CheckedPage).problems ?? [];
}

/** Serious and critical accessibility violations found on the page's screens so far. */
export function accessibilityProblems(page: Page): string[] {
  return ((page as CheckedPage).axeFindings ?? []).map(describeFinding);
}

/**
 * A full-page picture keeps fixed elements where the window's first screen had them, which
 * would draw the message band across the middle of a long page: here the band and its
 * message sit at the foot of the page, as in a window tall enough to show all of it.
 */
const AS_A_TALL_WINDOW = `
  body { position: relative; }
  .notification-band,
  .notification-band-messages[data-position='bottom-left'] { position: absolute !important; }`;

/**
 * A full-page screenshot, taken from the top so the fixed header does not land mid-page,
 * and an accessibility check of the same screen: every test photographs each screen it
 * reaches once it shows what the test waited for, so checking here covers every screen
 * without racing its loading. Findings fail the test after it ends, all of them named.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
    style: AS_A_TALL_WINDOW,
  });
  await checkScreen(page, name);
}

/** Counts the pixels of a drawn canvas that are not white: a blank page has none. */
export function inkOn(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 200) ink++;
      return ink;
    });
}

/** window.print opens the system dialog; here it only counts the calls and the pages. */
export async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { printed: number[] };
    w.printed = [];
    window.print = () => {
      w.printed.push(document.querySelectorAll('.print-pages img').length);
    };
  });
}

/** The pages of each print since `stubPrint`, one number a call. */
export const printed = (page: Page) =>
  page.evaluate(() => (window as unknown as { printed: number[] }).printed);

/**
 * What every end-to-end test file needs: one Chromium and one renderer server for the
 * file, and per test the databases and pages it opened, closed after it. Any page error
 * or console error a test's pages reported fails that test.
 */
export function appSession() {
  let running: { browser: Browser; server: Awaited<ReturnType<typeof serveRenderer>> } | null =
    null;
  let pages: Page[] = [];
  let closers: (() => void)[] = [];
  const started = () => {
    if (!running) throw new Error('the browser is not started (use appSession at file level)');
    return running;
  };
  beforeAll(async () => {
    running = { server: await serveRenderer(), browser: await launchChromium() };
  });
  afterAll(async () => {
    await running?.browser.close();
    await running?.server.close();
  });
  afterEach(async (test) => {
    const opened = pages;
    const close = closers.reverse();
    pages = [];
    closers = [];
    try {
      if (test.task.result?.state === 'fail')
        for (const [i, page] of opened.entries()) await recordFailure(page, test.task.name, i);
      else for (const page of opened) await checkLastScreen(page, test.task.name);
      for (const page of opened) {
        expect(pageProblems(page)).toEqual([]);
        expect(accessibilityProblems(page), 'serious or critical axe violations').toEqual([]);
      }
    } finally {
      for (const page of opened) await page.close();
      for (const c of close) c();
    }
  });
  return {
    /** A fresh database for this test, closed after it. */
    database(options: { demo: boolean; today?: IsoDate }): TestCtx {
      const ctx = freshDatabase(options);
      closers.push(() => ctx.close());
      return ctx;
    },
    /** Anything else the test opened (a second connection to its file), closed after it. */
    afterTest(close: () => void): void {
      closers.push(close);
    },
    /**
     * Holds the next long work on `ctx` (an import, a statement run) after the first step
     * `at` accepts, until `release()` or a Cancel from the window: a test sees and stops
     * the work provably part way, however fast the machine. Released after the test.
     */
    holdSteps(ctx: Ctx, at: (progress: WorkProgress) => boolean): StepHold {
      const hold = holdSteps(ctx.db, at);
      closers.push(() => hold.release());
      return hold;
    },
    /** The app at a route (`#/imports`; '' for the start) with window.api over `ctx`. */
    async open(route: string, ctx: Ctx): Promise<Page> {
      const page = await openApp(started().browser, `${started().server.url}${route}`, ctx);
      pages.push(page);
      return page;
    },
    /** The address of a route, for page.goto. */
    url(route = ''): string {
      return `${started().server.url}${route}`;
    },
  };
}
