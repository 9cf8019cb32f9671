import path from 'node:path';

/** The environment variable that names the database file, like `--db <file>`. */
export const DB_ENV_VAR = 'CLAIMDESK_DB';
export const DEFAULT_DB_NAME = 'claimdesk.sqlite';

/**
 * Which database file to open: `--db <file>` or `--db=<file>` on the command line, else
 * the CLAIMDESK_DB environment variable, else the last one used, else a file in the
 * user data folder.
 */
export function resolveDatabasePath(options: {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  remembered: string | undefined;
  userDataDir: string;
}): { path: string; source: 'argument' | 'environment' | 'remembered' | 'default' } {
  const { argv, env } = options;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--db' && argv[i + 1])
      return { path: path.resolve(argv[i + 1] ?? ''), source: 'argument' };
    if (arg.startsWith('--db=') && arg.length > 5)
      return { path: path.resolve(arg.slice(5)), source: 'argument' };
  }
  const fromEnv = env[DB_ENV_VAR]?.trim();
  if (fromEnv) return { path: path.resolve(fromEnv), source: 'environment' };
  if (options.remembered) return { path: options.remembered, source: 'remembered' };
  return { path: path.join(options.userDataDir, DEFAULT_DB_NAME), source: 'default' };
}
