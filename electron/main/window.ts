import { BrowserWindow, screen, shell } from 'electron';
import { APP_START_URL, externalLinkAllowed, isAppUrl, type allowedSites } from './guards';
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
  /** Only with the developer flag: DevTools let anyone call window.api by hand. */
  devTools: boolean;
  /** The facility's own sites, the only ones a link may open (in the system browser). */
  externalSites: () => ReturnType<typeof allowedSites>;
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
      devTools: options.devTools,
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  // The app is one local page: no navigation away from it, no redirect, no frame that
  // leaves it, no new windows. A link to the facility's own site opens in the system
  // browser; any other address goes nowhere.
  const openOutside = (url: string) => {
    if (externalLinkAllowed(url, options.externalSites())) void shell.openExternal(url);
  };
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openOutside(url);
  };
  win.webContents.on('will-navigate', (event) => stayInApp(event, event.url));
  win.webContents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });

  win.on('close', () => {
    const b = win.getNormalBounds();
    options.settings.setWindowBounds({ ...b, maximized: win.isMaximized() });
  });
  void win.loadURL(APP_START_URL);
  return win;
}
