import fs from 'node:fs';
import path from 'node:path';

/** The environment variable that names the database file, like `--db <file>`. */
export const DB_ENV_VAR = 'CLAIMDESK_DB';
export const DEFAULT_DB_NAME = 'claimdesk.sqlite';

export type DatabaseSource = 'argument' | 'environment' | 'remembered' | 'default';
export type DatabaseTarget = { path: string; source: DatabaseSource };

function refusedArgument(value: string | undefined): { refused: string } {
  return {
    refused:
      value === undefined || value === ''
        ? 'ClaimDesk was started with --db but no database file after it. Start it with ' +
          '--db followed by the file, or without --db for the usual database.'
        : `ClaimDesk was started with --db followed by "${value}", which is an option, not a ` +
          'database file. Put the file right after --db.',
  };
}

/**
 * Which database file to open: `--db <file>` or `--db=<file>` on the command line, else
 * the CLAIMDESK_DB environment variable, else the last one used, else a file in the
 * user data folder. A `--db` with no file, or with an option after it (`--db --inspect`),
 * is refused rather than quietly opening some other database.
 */
export function resolveDatabasePath(options: {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  remembered: string | undefined;
  userDataDir: string;
}): DatabaseTarget | { refused: string } {
  const { argv, env } = options;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let value: string | undefined;
    if (arg === '--db') value = argv[i + 1];
    else if (arg.startsWith('--db=')) value = arg.slice(5);
    else continue;
    if (!value?.trim() || value.startsWith('-')) return refusedArgument(value);
    return { path: path.resolve(value), source: 'argument' };
  }
  const fromEnv = env[DB_ENV_VAR]?.trim();
  if (fromEnv) return { path: path.resolve(fromEnv), source: 'environment' };
  if (options.remembered) return { path: options.remembered, source: 'remembered' };
  return { path: path.join(options.userDataDir, DEFAULT_DB_NAME), source: 'default' };
}

/** What is at the path, as far as deciding whether to open it goes. */
export type FileState =
  | { kind: 'missing'; folderExists: boolean }
  | { kind: 'empty' }
  | { kind: 'folder' }
  | { kind: 'database' }
  | { kind: 'other' };

/** Every SQLite database file starts with these 16 bytes. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function fileState(file: string): FileState {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { kind: 'missing', folderExists: fs.existsSync(path.dirname(file)) };
  }
  if (stat.isDirectory()) return { kind: 'folder' };
  if (stat.size === 0) return { kind: 'empty' };
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.equals(SQLITE_HEADER) ? { kind: 'database' } : { kind: 'other' };
}

export type OpenDecision =
  | { action: 'open' }
  | { action: 'ask'; question: string; detail: string }
  | { action: 'refuse'; message: string };

/**
 * Whether to open the file, ask first or refuse. Only the usual file in the user data
 * folder is created without asking (the first start). A named file that is missing (most
 * likely a typo) or empty would otherwise become a new database with this user as its
 * supervisor, so the person is asked first.
 */
export function decideOpening(target: DatabaseTarget, state: FileState): OpenDecision {
  const where = target.path;
  switch (state.kind) {
    case 'database':
      return { action: 'open' };
    case 'folder':
      return {
        action: 'refuse',
        message: `"${where}" is a folder, not a database file. Name the .sqlite file itself.`,
      };
    case 'other':
      return {
        action: 'refuse',
        message:
          `"${where}" is not a ClaimDesk database file. Check the name; if it was a database, ` +
          'it is damaged: ask your IT support to restore it from the latest backup.',
      };
    case 'missing':
      if (!state.folderExists && target.source !== 'default') {
        return {
          action: 'refuse',
          message:
            `There is no folder "${path.dirname(where)}" for the database "${path.basename(where)}". ` +
            'Check the name for a typo.',
        };
      }
      if (target.source === 'default') return { action: 'open' };
      return {
        action: 'ask',
        question: 'Create a new, empty database?',
        detail:
          `There is no database at "${where}". If you meant an existing one, check the name for ` +
          'a typo and start ClaimDesk again. A new database starts empty, and you become its ' +
          'supervisor.',
      };
    case 'empty':
      return {
        action: 'ask',
        question: 'Make this empty file a new database?',
        detail:
          `"${where}" is an empty file, not a database. If you meant an existing database, ` +
          'check the name and start ClaimDesk again. A new database starts empty, and you ' +
          'become its supervisor.',
      };
  }
}
