import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds the renderer once, as `npm start` does, in its own process: under the test
 * runner NODE_ENV is "test", which would build React's development bundle instead of
 * the one that ships.
 */
export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build:renderer'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
