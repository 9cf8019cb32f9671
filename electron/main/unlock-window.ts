import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { UNLOCK_CHANNELS } from '../../shared/unlock';
import type { DatabaseKey } from '../db/cipher';
import { UNLOCK_URL, isAppUrl } from './guards';
import type { Unlocking } from './unlock';

export interface Unlocked {
  key: DatabaseKey;
  /** Closes the window once the main window is there (closing the last one quits). */
  close(): void;
}

/**
 * The recovery-key window: small, sandboxed, no Node, no DevTools, its own preload with
 * three calls and no `window.api`. Resolves with the key once a recovery key opened the
 * database, or null when the person quits or closes the window.
 */
export function askForRecoveryKey(
  unlocking: Unlocking,
  preloadPath: string,
): Promise<Unlocked | null> {
  const win = new BrowserWindow({
    width: 600,
    height: 600,
    resizable: false,
    maximizable: false,
    fullscreenable: false,
    show: false,
    title: 'ClaimDesk: recovery key',
    backgroundColor: '#f8f9fa',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: false,
    },
  });
  win.setMenu(null);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  return new Promise((resolve) => {
    let settled = false;
    const fromWindow = (event: IpcMainInvokeEvent) =>
      !win.isDestroyed() &&
      event.sender === win.webContents &&
      event.senderFrame === win.webContents.mainFrame;
    const unbind = () => {
      for (const channel of Object.values(UNLOCK_CHANNELS)) ipcMain.removeHandler(channel);
    };
    const settle = (value: Unlocked | null) => {
      if (settled) return;
      settled = true;
      unbind();
      resolve(value);
    };
    ipcMain.handle(UNLOCK_CHANNELS.state, (event) => {
      if (!fromWindow(event)) throw new Error('Request refused.');
      return unlocking.state();
    });
    ipcMain.handle(UNLOCK_CHANNELS.submit, async (event, input: unknown) => {
      if (!fromWindow(event)) throw new Error('Request refused.');
      const answer = await unlocking.submit(input);
      const key = unlocking.key();
      if (answer.ok && key) {
        settle({ key, close: () => (win.isDestroyed() ? undefined : win.destroy()) });
      }
      return answer;
    });
    ipcMain.handle(UNLOCK_CHANNELS.quit, (event) => {
      if (!fromWindow(event)) throw new Error('Request refused.');
      settle(null);
      win.destroy();
    });
    win.on('closed', () => settle(null));
    void win.loadURL(UNLOCK_URL);
  });
}
