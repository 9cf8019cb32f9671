import { ipcMain, type BrowserWindow } from 'electron';
import { API_CHANNEL } from '../../shared/api/channel';
import type { Ctx } from '../core/context';
import { dispatchAsync } from '../api/dispatch';

/**
 * Binds the renderer's `window.api` calls to dispatch, accepting them only from our window;
 * `asked` hears of each request before it runs (the start-up watches for the first screen).
 */
export function bindApi(
  ctx: Ctx,
  window: () => BrowserWindow | null,
  asked: (method: unknown) => void = () => undefined,
): void {
  ipcMain.handle(API_CHANNEL, (event, method: unknown, input: unknown) => {
    const win = window();
    if (
      !win ||
      event.sender !== win.webContents ||
      event.senderFrame !== win.webContents.mainFrame
    ) {
      return { ok: false, error: { code: 'unknown_method', message: 'Request refused.' } };
    }
    asked(method);
    return dispatchAsync(ctx, method, input);
  });
}
