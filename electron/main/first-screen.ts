import type { Ctx } from '../core/context';
import { requestLock } from '../api/request-lock';
import { dailyWorkDue, dailyWorkIfFree, holdDailyWork } from '../upkeep/daily';

/** How long after the page has loaded the start-up's later work waits at most for its rows. */
const FIRST_SCREEN_WAIT_MS = 5_000;

/**
 * What opening does once the window shows its first screen, not before: the day's work
 * (held until then, so the queue's first rows do not wait for it: holdDailyWork) and the
 * whole-file check (a core and the disk kept busy for seconds on a large file). The window
 * opens on the work queue and asks for it again once its first rows are on screen
 * (renderer/src/app/startup.ts): that second request is the sign, and it does the day's
 * work before it answers, so the queue shows the result. A window that never asks twice (a
 * new database has no queue) gets the same a few seconds after its page loaded.
 */
export function afterFirstScreen(
  ctx: Ctx,
  later: () => void,
): { asked: (method: unknown) => void; loaded: () => void } {
  const releaseDay = holdDailyWork(ctx.db);
  let queueAsked = 0;
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    releaseDay();
    later();
  };
  return {
    asked: (method) => {
      if (method === 'listQueue' && ++queueAsked === 2) go();
    },
    loaded: () =>
      setTimeout(() => {
        if (done || !ctx.db.open) return;
        go();
        void requestLock(ctx.db)
          .shared(() => {
            if (dailyWorkDue(ctx)) dailyWorkIfFree(ctx);
          })
          .catch((error: unknown) =>
            console.error(
              `ClaimDesk: the day's work (${error instanceof Error ? error.name : 'error'})`,
            ),
          );
      }, FIRST_SCREEN_WAIT_MS),
  };
}
