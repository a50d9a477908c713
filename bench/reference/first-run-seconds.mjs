// Writes bench/reference/uci-small-first-run.jsonl.gz, the speed baseline of `pnpm bench:grid`:
// per configuration of the first table1-small run on the 75 small UCI sets (3,000 records, commit
// 1af66a4, 12.2 h of training on an AMD EPYC host, 120 on snn-wasm and 2,880 on snn-native), its
// key, network, training seconds and backend — nothing else of the records.
//
//   git show 1af66a4:packages/experiments/docs/results/uci-small/store.jsonl.gz > /tmp/first.jsonl.gz
//   node bench/reference/first-run-seconds.mjs /tmp/first.jsonl.gz
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const [store] = process.argv.slice(2);
if (store === undefined) throw new Error('first-run-seconds: pass the first run’s store.jsonl.gz');
const lines = gunzipSync(readFileSync(store)).toString('utf8').split('\n').filter(Boolean);
const rows = lines
  .map((l) => JSON.parse(l))
  .filter((r) => r.type === 'result')
  .map(({ key, arch, seconds, backend }) =>
    JSON.stringify({ type: 'result', key, arch, seconds, backend }),
  );
if (rows.length !== 3000)
  throw new Error(`first-run-seconds: expected 3000 records, found ${rows.length}`);
const out = join(dirname(fileURLToPath(import.meta.url)), 'uci-small-first-run.jsonl.gz');
writeFileSync(out, gzipSync(`${rows.join('\n')}\n`, { level: 9 }));
console.log(`wrote ${out}: ${rows.length} records`);
