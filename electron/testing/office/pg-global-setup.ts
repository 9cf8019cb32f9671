import { findPgBin, startCluster, type Cluster } from './cluster';

/** Connections to the clusters, one per worker, as a JSON array; absent when there are none. */
export const PG_ENV = 'CLAIMDESK_TEST_PG';
/** Why there is no cluster, for the tests that need one to say when they skip. */
export const PG_SKIP_ENV = 'CLAIMDESK_TEST_PG_SKIP';

/**
 * Vitest global set-up: a throwaway PostgreSQL cluster per worker for the whole run, each
 * test file making databases of its own in its worker's cluster. One cluster per worker,
 * not one for all: the change log's pull horizon is the cluster's oldest open transaction,
 * whatever its database, so a file's transaction in another database would hold back what
 * a file running beside it may pull. Without PostgreSQL's programs the tests that need it
 * skip and say why; with them, a cluster that fails to start fails the run.
 */
export default async function setup(project: {
  config: { maxWorkers: number };
}): Promise<() => void> {
  const bin = findPgBin();
  if (!bin) {
    process.env[PG_SKIP_ENV] =
      'PostgreSQL is not installed (no pg_config --bindir, no /usr/lib/postgresql/*/bin/initdb); ' +
      "install Debian's postgresql package (.ci/run does)";
    return () => undefined;
  }
  const clusters: Cluster[] = [];
  try {
    for (let i = 0; i < Math.max(1, project.config.maxWorkers); i++)
      clusters.push(await startCluster(bin));
  } catch (e) {
    for (const c of clusters) c.stop();
    throw e;
  }
  process.env[PG_ENV] = JSON.stringify(clusters.map((c) => c.config));
  return () => {
    for (const c of clusters) c.stop();
  };
}
