#!/usr/bin/env node
// The UCI rank table of a run that is still going: the report of `snn uci` (reportUci) on the
// data sets whose every configuration is stored, read from the run's store without touching it.
// `snn uci` writes uci.json and uci.md only once the whole grid is stored; this shows where a long
// run stands in between. Needs a built @snn/experiments and @snn/sweep.
//
//   node packages/experiments/scripts/tabular/uci-interim-ranks.mjs packages/experiments/docs/results/uci-large
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readStore } from '@snn/sweep';
import { PAPER_RESULTS, reportUci } from '../../dist/index.js';

const folder = process.argv[2];
if (folder === undefined) {
  console.error('usage: uci-interim-ranks.mjs <run folder with store.jsonl or store.jsonl.gz>');
  process.exit(2);
}
const plain = join(folder, 'store.jsonl');
const { header, records } = readStore(existsSync(plain) ? plain : `${plain}.gz`);
if (header.benchmark !== 'uci') {
  console.error(`${folder}: a ${header.benchmark} run, not a uci one`);
  process.exit(2);
}
const result = reportUci(header.fingerprint, records);
const all = result.ranks.all;
const total = header.fingerprint.datasets.length;
console.log(
  `${records.length} configurations stored; ${all?.datasets.length ?? 0} of ${total} data sets complete (${result.incomplete.length} not yet).`,
);
if (all === null) process.exit(0);
const large = result.ranks.large !== null && result.ranks.small === null;
console.log(
  `\n| network | average rank | Δ mean | one-sided p vs ${all.best} | two-sided p |${large ? ' paper: Δ mean (46 large sets) |' : ''}`,
);
console.log(`|---|---:|---:|---:|---:|${large ? '---:|' : ''}`);
const order = Object.keys(all.averageRank).sort((a, b) => all.averageRank[a] - all.averageRank[b]);
for (const arch of order) {
  const w = all.wilcoxon[arch];
  const p = (x) => (w ? x.toPrecision(2) : 'best');
  const d = all.rankDifference[arch];
  console.log(
    `| ${arch} | ${all.averageRank[arch].toFixed(3)} | ${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d).toFixed(3)} | ${p(w?.pValueLess)} | ${p(w?.pValue)} |${large ? ` ${arch === 'snn' ? String(PAPER_RESULTS.uciLargeSnnRankDifference).replace('-', '−') : '—'} |` : ''}`,
  );
}
console.log(`\nComplete: ${all.datasets.join(', ')}.`);
