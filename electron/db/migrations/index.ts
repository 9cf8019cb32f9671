import { migration001 } from './001-initial';
import { migration002 } from './002-posting';

/** Numbered migrations; the database's PRAGMA user_version is the last one applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: migration001 },
  { version: 2, name: 'posting, batches, plans and promises', sql: migration002 },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
