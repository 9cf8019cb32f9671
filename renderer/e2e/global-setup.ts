import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the renderer once, as `npm start` does, in its own process: under the test
 * runner NODE_ENV is "test", which would build React's development bundle instead of
 * the one that ships.
 */
export default function setup(): void {
  // accessibility findings of an earlier run must not be read as this run's
  const shots = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));
  if (fs.existsSync(shots))
    for (const f of fs.readdirSync(shots))
      if (f.endsWith('.axe.txt')) fs.rmSync(path.join(shots, f));
  execFileSync('npm', ['run', '--silent', 'build:renderer'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
