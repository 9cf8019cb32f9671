import { app, dialog, session, type BrowserWindow } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Ctx } from '../core/context';
import { resolveDatabasePath } from '../app/database-path';
import { DatabaseTooNewError, openDatabase, type Db } from '../db/open';
import { sweepDocuments } from '../filing/sweep';
import { signIn, UserTurnedOffError } from '../users/sign-in';
import { bindApi } from './ipc';
import { installMenu } from './menu';
import { createSettings } from './settings';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, 'preload.cjs');
const indexHtml = path.join(here, '..', '..', 'renderer', 'dist', 'index.html');

let mainWindow: BrowserWindow | null = null;
let db: Db | null = null;

function openStore(): Ctx | null {
  const settings = createSettings();
  const target = resolveDatabasePath({
    argv: process.argv,
    env: process.env,
    remembered: settings.databasePath(),
    userDataDir: app.getPath('userData'),
  });
  try {
    db = openDatabase(target.path);
  } catch (error) {
    const detail =
      error instanceof DatabaseTooNewError
        ? error.message
        : `The database file could not be opened. Check that the folder exists and you may write to it.`;
    dialog.showErrorBox('ClaimDesk cannot open its database', `${detail}\n\n${target.path}`);
    return null;
  }
  if (target.source !== 'argument' && target.source !== 'environment') {
    settings.setDatabasePath(target.path);
  }
  const { username } = os.userInfo();
  let userId: number;
  try {
    userId = signIn(db, username, systemClock.now());
  } catch (error) {
    if (!(error instanceof UserTurnedOffError)) throw error;
    dialog.showErrorBox('ClaimDesk is turned off for this user', error.message);
    db.close();
    db = null;
    return null;
  }
  return { db, clock: systemClock, userId, databasePath: target.path };
}

function lockDownSession(): void {
  // Nothing in ClaimDesk comes from the network: refuse any remote request outright.
  session.defaultSession.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.enableSandbox();
  void app.whenReady().then(() => {
    lockDownSession();
    const ctx = openStore();
    if (!ctx) {
      app.quit();
      return;
    }
    // sets aside what a crash or a restored older database left; a supervisor sees the list
    sweepDocuments(ctx);
    installMenu({ isMac: process.platform === 'darwin', isDev: !app.isPackaged });
    bindApi(ctx, () => mainWindow);
    mainWindow = createMainWindow({ settings: createSettings(), preloadPath, indexHtml });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });

  app.on('window-all-closed', () => {
    db?.close();
    db = null;
    app.quit();
  });
}
