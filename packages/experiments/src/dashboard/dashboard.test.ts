import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FIXTURE_PLAN,
  appendFixtureRecords,
  fixtureRecord,
  writeFixtureStore,
} from './dashboard-fixtures';
import { markdownHtml } from './markdown-html';
import { RunSummary } from './run-summary';
import { serveDashboard } from './serve-dashboard';
import { StoreTail } from './store-tail';

describe('StoreTail', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-tail-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads only appended bytes, waits for a line to end, and starts over when the store is replaced', async () => {
    const seen: unknown[] = [];
    let resets = 0;
    const tail = new StoreTail(dir, { line: (v) => seen.push(v), reset: () => resets++ });
    expect(await tail.poll()).toBe(false); // no store yet
    const path = writeFixtureStore(dir, [{ type: 'result', key: 'a' }]);
    expect(await tail.poll()).toBe(true);
    expect(seen).toHaveLength(2);
    appendFileSync(path, '{"type":"result","key":"b"}\n{"type":"res');
    await tail.poll();
    expect(seen.map((v) => (v as { key?: string }).key)).toEqual([undefined, 'a', 'b']);
    expect(await tail.poll()).toBe(false); // nothing new: no bytes read
    appendFileSync(path, 'ult","key":"c"}\n');
    await tail.poll();
    expect((seen.at(-1) as { key: string }).key).toBe('c');
    // Replaced by a compressed store (a finished run gzipped): read again from its start.
    const text = readFileSync(path);
    rmSync(path);
    writeFileSync(`${path}.gz`, gzipSync(text));
    seen.length = 0;
    await tail.poll();
    expect(resets).toBe(1);
    expect(seen.map((v) => (v as { key?: string }).key)).toEqual([undefined, 'a', 'b', 'c']);
    expect(await tail.poll()).toBe(false);
  });
});

describe('RunSummary', () => {
  it('counts per data set × network, keeps the best unpruned trial and the pruned curves', () => {
    const summary = new RunSummary(() => FIXTURE_PLAN);
    const lines = [
      { type: 'run', benchmark: 'uci', fingerprint: {} },
      fixtureRecord('iris', 'snn', 0.1, 0.8),
      fixtureRecord('iris', 'snn', 0.01, 0.99, { pruned: 1 }),
      fixtureRecord('iris', 'snn', 0.05, 0.9),
      fixtureRecord('iris', 'snn', 0.05, 0.2), // the same key again: the first record counts
      { type: 'failed', key: 'wine/fold1/relu/x', error: 'boom', attempts: 3 },
    ];
    lines.forEach((l, i) => summary.add(l, i + 1));
    const iris = summary.groups().find((g) => g.dataset === 'iris' && g.arch === 'snn')!;
    expect(iris).toMatchObject({ done: 3, pruned: 1, total: 4, seconds: 1.5 });
    // The pruned trial has the highest values but is no candidate; 0.9 beats 0.8.
    expect(iris.best?.configId).toBe('snn/depth=2/width=16/lr=0.05');
    expect(summary.counts()).toEqual({ stored: 3, failed: 1, planned: 16 });
    const curves = summary.curves('iris').find((c) => c.arch === 'snn')!;
    expect(curves.pruned.map((p) => p.pruned)).toEqual([1]);
    expect(curves.best?.validation).toHaveLength(12);
  });
});

describe('markdownHtml', () => {
  it('renders the report tables and escapes everything else', () => {
    const html = markdownHtml(
      '# Ranks\n\n| net | rank |\n|---|---:|\n| snn | 2.5 |\n\n<script>x</script>',
    );
    expect(html).toContain('<table><thead><tr><th>net</th><th>rank</th></tr></thead>');
    expect(html).toContain('<td>snn</td><td>2.5</td>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});

describe('serveDashboard (HTTP)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-dash-http-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('listens on 127.0.0.1, is read-only, serves only report files, refuses other hosts', async () => {
    const path = writeFixtureStore(dir, [fixtureRecord('iris', 'snn', 0.1, 0.8)]);
    writeFileSync(join(dir, 'uci.md'), '| a |\n|---|\n| 1 |\n');
    writeFileSync(join(dir, 'notes.txt'), 'private');
    const dashboard = await serveDashboard({ outDir: dir, port: 0, plan: () => FIXTURE_PLAN });
    try {
      expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const get = (p: string, init?: RequestInit) => fetch(new URL(p, dashboard.url), init);
      const summary = (await (await get('/api/summary')).json()) as {
        counts: { stored: number };
        report: Array<{ name: string }>;
      };
      expect(summary.counts.stored).toBe(1);
      expect(summary.report.map((f) => f.name)).toEqual(['uci.md']);
      expect((await get('/files/uci.md')).status).toBe(200);
      for (const p of ['/files/notes.txt', '/files/..%2Fstore.jsonl', '/files/store.jsonl']) {
        expect((await get(p)).status).toBe(404);
      }
      expect((await get('/api/summary', { method: 'POST' })).status).toBe(405);
      expect((await get('/vendor/uPlot.iife.min.js')).headers.get('content-type')).toMatch(
        /javascript/,
      );
      // DNS rebinding: a page of another name that resolves to 127.0.0.1 gets nothing.
      const rebound = await new Promise<number>((resolve, reject) => {
        const url = new URL('/api/summary', dashboard.url);
        request(url, { headers: { host: 'evil.example:80' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(rebound).toBe(421);
      appendFixtureRecords(path, [fixtureRecord('wine', 'relu', 0.1, 0.7)]);
      const after = (await (await get('/api/summary')).json()) as { counts: { stored: number } };
      expect(after.counts.stored).toBe(2);
    } finally {
      await dashboard.close();
    }
  });

  it('names a missing folder and a port in use', async () => {
    await expect(serveDashboard({ outDir: join(dir, 'nope'), port: 0 })).rejects.toThrow(
      /is not a folder; pass the --out folder of a run/,
    );
    const first = await serveDashboard({ outDir: dir, port: 0 });
    const port = Number(new URL(first.url).port);
    await expect(serveDashboard({ outDir: dir, port })).rejects.toThrow(
      new RegExp(`port ${port} on 127.0.0.1 is in use; pass another --port`),
    );
    await first.close();
  });
});
