import Store from 'electron-store';
import type { OfficeServerStorage, StoredOfficeServer } from '../office/settings';

/**
 * Device preferences only (window placement, which database file, the office server's
 * address with its password wrapped by the operating system). Business data never goes
 * here; it lives in SQLite.
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
  officeServer: OfficeServerStorage;
}

interface Schema {
  windowBounds?: WindowBounds;
  databasePath?: string;
  officeServer?: StoredOfficeServer;
}

export function createSettings(): Settings {
  const store = new Store<Schema>({ name: 'preferences' });
  return {
    windowBounds: () => store.get('windowBounds'),
    setWindowBounds: (bounds) => store.set('windowBounds', bounds),
    databasePath: () => store.get('databasePath'),
    setDatabasePath: (path) => store.set('databasePath', path),
    officeServer: {
      get: () => store.get('officeServer'),
      set: (value) => (value ? store.set('officeServer', value) : store.delete('officeServer')),
    },
  };
}
