import { migration001 } from './001-initial';

/** Numbered migrations; the database's PRAGMA user_version is the last one applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: migration001 },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
