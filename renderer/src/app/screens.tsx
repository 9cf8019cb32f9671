import { createElement, lazy, useEffect, useState, type ComponentType } from 'react';
import { LoadingState } from '../components/States';

// in the first chunk anyway: the header's own hooks and warning live beside them
export { AuditScreen } from '../audit/AuditScreen';
export { NotSyncedScreen } from '../office/NotSyncedScreen';

/**
 * Every screen but the work queue, each in a chunk of its own: the window opens on the
 * queue, so the queue's code alone is parsed before its first rows. The chunks are local
 * files of the app; they are all fetched once the first screen is up (prefetchScreens), so
 * moving to another screen later waits on nothing.
 */
type Loader = () => Promise<unknown>;

const loaders: Loader[] = [];

/**
 * A screen from its own chunk, by its named export. Once its chunk is in (the prefetch, or
 * an earlier visit) it renders at once, without a pass through the Suspense fallback.
 */
function screen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const get = () =>
    (loading ??= load().then((c) => {
      loaded = c;
      return c;
    }));
  loaders.push(get);
  const Lazy = lazy(async () => ({ default: await get() }));
  function Screen(props: P) {
    return createElement(loaded ?? Lazy, props);
  }
  return Screen;
}

export const AccountScreen = screen(
  async () => (await import('../account/AccountScreen')).AccountScreen,
);
export const ApprovalsScreen = screen(
  async () => (await import('../approvals/ApprovalsScreen')).ApprovalsScreen,
);
export const BackupsScreen = screen(
  async () => (await import('../backups/BackupsScreen')).BackupsScreen,
);
export const FirstStart = screen(async () => (await import('../start/FirstStart')).FirstStart);
export const DenialsScreen = screen(
  async () => (await import('../denials/DenialsScreen')).DenialsScreen,
);
export const ImportsScreen = screen(
  async () => (await import('../imports/ImportsScreen')).ImportsScreen,
);
export const AppealScreen = screen(
  async () => (await import('../letters/AppealScreen')).AppealScreen,
);
export const StatementsScreen = screen(
  async () => (await import('../statements/StatementsScreen')).StatementsScreen,
);
export const TemplatesScreen = screen(
  async () => (await import('../templates/TemplatesScreen')).TemplatesScreen,
);
export const PayersScreen = screen(
  async () => (await import('../payers/PayersScreen')).PayersScreen,
);
export const AgenciesScreen = screen(
  async () => (await import('../agencies/AgenciesScreen')).AgenciesScreen,
);
export const SettingsScreen = screen(
  async () => (await import('../settings/SettingsScreen')).SettingsScreen,
);
export const CashSummaryScreen = screen(
  async () => (await import('../posting/CashSummaryScreen')).CashSummaryScreen,
);
export const PostingScreen = screen(
  async () => (await import('../posting/PostingScreen')).PostingScreen,
);
export const ReportsScreen = screen(
  async () => (await import('../reports/ReportsScreen')).ReportsScreen,
);

let prefetched: Promise<unknown> | null = null;

// Longer than a frame interval: Chromium grants an idle period that long only when no frame
// is on its way. A chunk's evaluation (18 ms of the account screen's) and the stylesheet it
// adds (a restyle and relayout of the whole page) would otherwise land in the frames of a
// person already scrolling the queue, whose idle periods last to the next frame.
const LONG_IDLE_MS = 20;
// while frames are drawn, asking again at every frame's idle moment costs more than it needs
const RETRY_MS = 250;

/** The next moment the window has nothing else to do and is drawing nothing. */
const idle = () =>
  new Promise<void>((resolve) => {
    const waitForLongIdle = (deadline: IdleDeadline) => {
      if (deadline.timeRemaining() >= LONG_IDLE_MS) resolve();
      else setTimeout(() => requestIdleCallback(waitForLongIdle), RETRY_MS);
    };
    requestIdleCallback(waitForLongIdle);
  });

/**
 * Loads every screen's chunk, each when the window is idle and still (no scrolling, nothing
 * moving), so a key pressed or a scroll meanwhile is answered first.
 */
export function prefetchScreens(): Promise<unknown> {
  prefetched ??= loaders.reduce<Promise<unknown>>(
    (before, load) => before.then(idle).then(() => load().catch(() => undefined)),
    Promise.resolve(),
  );
  return prefetched;
}

/** What shows while a screen's chunk loads: nothing at first, since it is a local file. */
export function ScreenLoading() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 400);
    return () => clearTimeout(timer);
  }, []);
  return slow ? <LoadingState label="Opening…" /> : null;
}
