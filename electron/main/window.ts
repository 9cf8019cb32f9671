import { BrowserWindow, screen, shell } from 'electron';
import path from 'node:path';
import type { Settings, WindowBounds } from './settings';

const DEFAULT_BOUNDS: WindowBounds = { width: 1440, height: 900, maximized: false };

/** Restores the saved placement only if it is still on a connected display. */
function visibleBounds(saved: WindowBounds | undefined): WindowBounds {
  if (!saved || saved.x === undefined || saved.y === undefined) return saved ?? DEFAULT_BOUNDS;
  const onScreen = screen.getAllDisplays().some(({ workArea: w }) => {
    const x = saved.x ?? 0;
    const y = saved.y ?? 0;
    return (
      x < w.x + w.width && x + saved.width > w.x && y < w.y + w.height && y + saved.height > w.y
    );
  });
  return onScreen ? saved : { ...DEFAULT_BOUNDS, maximized: saved.maximized };
}

export function createMainWindow(options: {
  settings: Settings;
  preloadPath: string;
  indexHtml: string;
}): BrowserWindow {
  const bounds = visibleBounds(options.settings.windowBounds());
  const win = new BrowserWindow({
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'ClaimDesk',
    backgroundColor: '#f8f9fa',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  // The app is one local page: no navigation away from it and no new windows. Links to
  // the web (none today) would open in the system browser, never inside the app.
  const appUrl = new URL(`file://${path.resolve(options.indexHtml)}`).href;
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(appUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });

  win.on('close', () => {
    const b = win.getNormalBounds();
    options.settings.setWindowBounds({ ...b, maximized: win.isMaximized() });
  });
  void win.loadFile(options.indexHtml, { hash: '/queue' });
  return win;
}
