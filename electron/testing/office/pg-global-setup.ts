import { findPgBin, startCluster } from './cluster';

/** Connection to the cluster the tests share, as JSON; absent when there is none. */
export const PG_ENV = 'CLAIMDESK_TEST_PG';
/** Why there is no cluster, for the tests that need one to say when they skip. */
export const PG_SKIP_ENV = 'CLAIMDESK_TEST_PG_SKIP';

/**
 * Vitest global set-up: one throwaway PostgreSQL cluster for the whole run, each test
 * file making databases of its own in it. Without PostgreSQL's programs the tests that
 * need it skip and say why; with them, a cluster that fails to start fails the run.
 */
export default async function setup(): Promise<() => void> {
  const bin = findPgBin();
  if (!bin) {
    process.env[PG_SKIP_ENV] =
      'PostgreSQL is not installed (no pg_config --bindir, no /usr/lib/postgresql/*/bin/initdb); ' +
      "install Debian's postgresql package (.ci/run does)";
    return () => undefined;
  }
  const cluster = await startCluster(bin);
  process.env[PG_ENV] = JSON.stringify(cluster.config);
  return () => cluster.stop();
}
