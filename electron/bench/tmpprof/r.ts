import Database from 'better-sqlite3';
import { buildSearchQuery } from '../../search/search';
import { parseSearch } from '../../search/parse';
const db = new Database('/tmp/prof/b.sqlite');
db.pragma('journal_mode = WAL');
const nums = db.prepare(`SELECT account_number AS n FROM accounts LIMIT 10`).all().map((r) => (r as { n: string }).n);
const bare = nums.map((q) => { const { sql, params } = buildSearchQuery(parseSearch(q)!); return { st: db.prepare(sql), params: { ...params, limit: 51 } }; });
const begin = db.prepare('BEGIN'), rollback = db.prepare('ROLLBACK'), commit = db.prepare('COMMIT');
const tc = db.prepare('SELECT total_changes() AS n');
function t(name: string, f: (i: number) => unknown) {
  const xs: number[] = [];
  for (let r = 0; r < 7; r++) { const t0 = performance.now(); for (let i = 0; i < 20000; i++) f(i); xs.push((performance.now() - t0) / 20000 * 1000); }
  xs.sort((a, b) => a - b); console.log(name.padEnd(24), xs[3]!.toFixed(2), 'us');
}
for (let k = 0; k < 2; k++) {
t('bare', (i) => { const b = bare[i % 10]!; b.st.all(b.params); });
t('begin/rollback', (i) => { begin.run(); const b = bare[i % 10]!; b.st.all(b.params); rollback.run(); });
t('begin/commit', (i) => { begin.run(); const b = bare[i % 10]!; b.st.all(b.params); commit.run(); });
t('begin/tc/rollback', (i) => { begin.run(); tc.get(); const b = bare[i % 10]!; b.st.all(b.params); tc.get(); rollback.run(); });
t('empty begin/rollback', () => { begin.run(); rollback.run(); });
}
