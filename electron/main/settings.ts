import Store from 'electron-store';

/**
 * Device preferences only (window placement, which database file). Business data never
 * goes here; it lives in SQLite.
 */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Settings {
  windowBounds(): WindowBounds | undefined;
  setWindowBounds(bounds: WindowBounds): void;
  databasePath(): string | undefined;
  setDatabasePath(path: string): void;
}

interface Schema {
  windowBounds?: WindowBounds;
  databasePath?: string;
}

export function createSettings(): Settings {
  const store = new Store<Schema>({ name: 'preferences' });
  return {
    windowBounds: () => store.get('windowBounds'),
    setWindowBounds: (bounds) => store.set('windowBounds', bounds),
    databasePath: () => store.get('databasePath'),
    setDatabasePath: (path) => store.set('databasePath', path),
  };
}
