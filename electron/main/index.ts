import { app, dialog, protocol, session, type BrowserWindow } from 'electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Ctx } from '../core/context';
import {
  decideOpening,
  fileState,
  resolveDatabasePath,
  type DatabaseTarget,
} from '../app/database-path';
import { DAMAGED_ADVICE, describeFailure } from '../core/failure';
import { checkDatabaseFile } from '../db/check';
import { isEncryptedFile, WrongKeyError, type DatabaseKey } from '../db/cipher';
import {
  applyPendingEncryption,
  EncryptionFailed,
  finishEncryption,
  pendingEncryption,
} from '../db/encrypt-in-place';
import { sealFiledDocumentsOnce } from '../filing/sealed';
import { sweepDocuments } from '../filing/sweep';
import {
  DamagedDatabaseError,
  DatabaseTooNewError,
  closeDatabase,
  MigrationBlockedError,
  openDatabase,
  type Db,
} from '../db/open';
import { lockWhenIdle } from '../access/session';
import { backupId } from '../backups/layout';
import { applyPendingRestore, RestoreFailed, setRestart, type Restored } from '../backups/restore';
import { backupTick } from '../backups/schedule';
import type { OfficeRunner } from '../office/runner';
import { readFacility } from '../facility/facility';
import { signIn, UserTurnedOffError } from '../users/sign-in';
import { allowedSites, APP_SCHEME, contentType, devToolsAllowed, resolveAppFile } from './guards';
import { databaseKeyFor } from './database-key';
import { recordRecovery, type Recovered } from './unlock';
import { afterFirstScreen } from './first-screen';
import { bindApi } from './ipc';
import { installMenu } from './menu';
import { startOffice, stopOffice } from './office';
import { createSettings, type Settings } from './settings';
import { askForRecoveryKey, type Unlocked } from './unlock-window';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, 'preload.cjs');
const unlockPreloadPath = path.join(here, 'unlock-preload.cjs');
const rendererDir = path.join(here, '..', '..', 'renderer', 'dist');

let mainWindow: BrowserWindow | null = null;
let db: Db | null = null;
let restored: Restored | null = null;
/** The recovery-key window, kept until the main window is there: closing the last quits. */
let unlockWindow: Unlocked | null = null;
/** The office's sync, while the database is open; standalone it starts no worker. */
let office: OfficeRunner | null = null;

/** Stops the office's sync, then closes the database: its last local write ends first. */
async function closeStore(): Promise<void> {
  const runner = office;
  office = null;
  if (runner) await stopOffice(runner);
  if (db) closeDatabase(db);
  db = null;
}

/** Why the database could not be opened, in words that say what to do. */
function openingProblem(error: unknown, file: string): string {
  if (
    error instanceof DatabaseTooNewError ||
    error instanceof DamagedDatabaseError ||
    error instanceof MigrationBlockedError ||
    error instanceof WrongKeyError
  ) {
    return error.message;
  }
  return describeFailure(error, { databasePath: file }).message;
}

function refuse(title: string, message: string): null {
  dialog.showErrorBox(title, message);
  return null;
}

/** Which database, asking before a named file that is missing or empty becomes a new one. */
function chooseDatabase(settings: Settings): DatabaseTarget | null {
  const target = resolveDatabasePath({
    argv: process.argv,
    env: process.env,
    remembered: settings.databasePath(),
    userDataDir: app.getPath('userData'),
  });
  if ('refused' in target) return refuse('ClaimDesk cannot start', target.refused);
  const decision = decideOpening(target, fileState(target.path));
  if (decision.action === 'refuse') {
    return refuse('ClaimDesk cannot open that database', decision.message);
  }
  if (decision.action === 'ask') {
    const answer = dialog.showMessageBoxSync({
      type: 'question',
      title: 'ClaimDesk',
      message: decision.question,
      detail: decision.detail,
      buttons: ['Create the new database', 'Quit'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (answer !== 0) return null;
  }
  return target;
}

/** Whether the database was named on the command line or in the environment at this start. */
let namedAtStart = false;

async function openStore(): Promise<Ctx | null> {
  const settings = createSettings();
  const target = chooseDatabase(settings);
  if (!target) return null;
  try {
    // a backup a supervisor chose is put in place now, while nothing has the file open
    restored = applyPendingRestore(target.path, backupId(new Date().toISOString()));
  } catch (error) {
    // the database was left as it was: said, then opened as usual
    dialog.showErrorBox(
      'ClaimDesk could not restore the backup',
      error instanceof RestoreFailed ? error.message : describeFailure(error).message,
    );
  }
  // an encryption a crash interrupted is finished or rolled back before anything looks
  finishEncryption(target.path);
  const encrypting = pendingEncryption(target.path) !== null && !isEncryptedFile(target.path);
  const keyed = await databaseKeyFor(
    target.path,
    app.getPath('userData'),
    { encrypting },
    (unlocking) => askForRecoveryKey(unlocking, unlockPreloadPath),
  );
  if ('quit' in keyed) return null;
  if ('refused' in keyed) {
    return refuse('ClaimDesk cannot open its database', `${keyed.refused}\n\n${target.path}`);
  }
  unlockWindow = keyed.unlocked ?? null;
  const databaseKey = keyed.key;
  encryptIfAsked(target.path, databaseKey, encrypting);
  if (databaseKey && isEncryptedFile(target.path)) {
    try {
      sealFiledDocumentsOnce(target.path, databaseKey);
    } catch (error) {
      // the rest are sealed at the next start; each document is whole either way
      console.error(
        `ClaimDesk: sealing documents (${error instanceof Error ? error.name : 'error'})`,
      );
    }
  }
  try {
    db = openDatabase(target.path, databaseKey ? { key: databaseKey } : {});
  } catch (error) {
    return refuse(
      'ClaimDesk cannot open its database',
      `${openingProblem(error, target.path)}\n\n${target.path}`,
    );
  }
  namedAtStart = target.source === 'argument' || target.source === 'environment';
  if (!namedAtStart) settings.setDatabasePath(target.path);
  const { username } = os.userInfo();
  try {
    const userId = signIn(db, username, systemClock.now());
    const ctx: Ctx = { db, clock: systemClock, userId, databasePath: target.path, databaseKey };
    if (keyed.recovered) auditRecovery(ctx, keyed.recovered);
    return ctx;
  } catch (error) {
    closeDatabase(db);
    db = null;
    if (error instanceof UserTurnedOffError) {
      return refuse('ClaimDesk is turned off for this user', error.message);
    }
    // a new user's first sign-in writes, and may meet another workstation's import
    return refuse('ClaimDesk cannot sign you in', openingProblem(error, target.path));
  }
}

/** The recovery key's use goes in the trail; failing that, ClaimDesk still opens. */
function auditRecovery(ctx: Ctx, recovered: Recovered): void {
  try {
    recordRecovery(ctx, recovered);
  } catch (error) {
    console.error(
      `ClaimDesk: recording the recovery key's use (${error instanceof Error ? error.name : 'error'})`,
    );
  }
}

/** Encrypts the database a supervisor asked to have encrypted, while nothing has it open. */
function encryptIfAsked(file: string, key: DatabaseKey | null, asked: boolean): void {
  const title = 'ClaimDesk did not encrypt the database';
  try {
    if (applyPendingEncryption(file, key)) {
      dialog.showMessageBoxSync({
        type: 'info',
        title: 'ClaimDesk',
        message: 'The database is encrypted',
        detail: 'The database and its backups from now on can be read only with its key.',
      });
    } else if (asked) {
      dialog.showErrorBox(title, "The operating system's key store is not available here.");
    }
  } catch (error) {
    // the plain file stays as it was: said, then opened as usual
    dialog.showErrorBox(
      title,
      error instanceof EncryptionFailed ? error.message : describeFailure(error).message,
    );
  }
}

/** Looks at every page of the file in the background and says so when it is damaged. */
function warnIfDamaged(file: string, key: DatabaseKey | null): void {
  void checkDatabaseFile(file, key).then((result) => {
    if (result !== 'damaged') return;
    const options = {
      type: 'error' as const,
      title: 'ClaimDesk',
      message: 'The database file is damaged',
      detail: `ClaimDesk found damage in ${file}. ${DAMAGED_ADVICE}`,
    };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  });
}

const BACKUP_TICK_MS = 60_000;
const RESTART_PAUSE_MS = 1_500;
let backupTimer: ReturnType<typeof setInterval> | null = null;

/** Says which backup was put back and where the database as it was now lies. */
function tellRestored(done: Restored): void {
  const options = {
    type: 'info' as const,
    title: 'ClaimDesk',
    message: `The backup ${done.id} was restored`,
    detail: `The database as it was is kept as ${done.keptAside}, its documents as ${done.documentsAside}.`,
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
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
  // checks are asked without a request (clipboard, notifications, fullscreen...): deny them too
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** The app's pages from its own folder over claimdesk://, and nothing outside that folder. */
function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.promises.readFile(file);
      return new Response(new Uint8Array(body), { headers: { 'content-type': contentType(file) } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
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
  // before ready, as Electron requires: a standard, secure scheme runs module scripts and
  // gives the page an origin of its own, which file:// does not
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  const devTools = devToolsAllowed(process.argv, process.env);
  void app
    .whenReady()
    .then(async () => {
      lockDownSession();
      serveApp();
      const ctx = await openStore();
      if (!ctx) {
        app.quit();
        return;
      }
      // a person sits at this window: it locks after the office's idle minutes
      lockWhenIdle(ctx);
      // sets aside what a crash or a restored older database left; a supervisor sees the list
      sweepDocuments(ctx);
      installMenu({ isMac: process.platform === 'darwin', isDev: devTools });
      const firstScreen = afterFirstScreen(ctx, () =>
        warnIfDamaged(ctx.databasePath, ctx.databaseKey ?? null),
      );
      bindApi(ctx, () => mainWindow, firstScreen.asked);
      office = startOffice(ctx, createSettings(), namedAtStart);
      mainWindow = createMainWindow({
        settings: createSettings(),
        preloadPath,
        devTools,
        // read at each link, so a web address a supervisor just saved counts at once
        externalSites: () => allowedSites([readFacility(ctx.db)?.web ?? null]),
      });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
      mainWindow.webContents.once('did-finish-load', firstScreen.loaded);
      unlockWindow?.close();
      unlockWindow = null;
      if (restored) tellRestored(restored);
      // the day's backup, looked for each minute in the main process, off the window's path
      backupTimer = setInterval(() => {
        if (!db) return;
        try {
          void backupTick(ctx);
        } catch (error) {
          // the schedule could not be read (a long import holds the file): next minute
          console.error(
            `ClaimDesk: backup schedule (${error instanceof Error ? error.name : 'error'})`,
          );
        }
      }, BACKUP_TICK_MS);
      // a restore closes the database and starts ClaimDesk again, which puts the backup in
      // place before anything opens it; the pause lets the window say so first
      setRestart(() => {
        setTimeout(() => {
          if (backupTimer) clearInterval(backupTimer);
          void closeStore().finally(() => {
            app.relaunch();
            app.exit(0);
          });
        }, RESTART_PAUSE_MS);
      });
    })
    .catch((error: unknown) => {
      // Only the error's kind: its message may quote patient data.
      console.error(
        `ClaimDesk: start-up failed (${error instanceof Error ? error.name : typeof error})`,
      );
      dialog.showErrorBox('ClaimDesk could not start', describeFailure(error).message);
      app.quit();
    });

  app.on('window-all-closed', () => {
    if (backupTimer) clearInterval(backupTimer);
    void closeStore().finally(() => app.quit());
  });
}
