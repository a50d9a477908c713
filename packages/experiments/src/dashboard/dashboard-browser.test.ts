// The dashboard in a real browser (Debian's headless Chromium): a run folder whose store is being
// appended to, the page updating through server-sent events, and the report once complete.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_PATH,
  type LaunchedBrowser,
  chromiumAvailable,
  launchChromium,
} from '../../web/e2e/chromium';
import {
  FIXTURE_PLAN,
  appendFixtureRecords,
  fixtureRecord,
  writeFixtureStore,
} from './dashboard-fixtures';
import { type Dashboard, serveDashboard } from './serve-dashboard';

const skipReason = chromiumAvailable() ? undefined : `${CHROMIUM_PATH} not found`;
if (skipReason) console.warn(`dashboard browser test skipped: ${skipReason}`);

/** Every file of a folder with its bytes' SHA-256: what "read-only" must leave unchanged. */
const snapshot = (dir: string) =>
  readdirSync(dir)
    .sort()
    .map(
      (name) =>
        `${name} ${createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex')}`,
    );

const done = (page: Page, dataset: string, arch: string) =>
  page.getAttribute(`tr[data-dataset="${dataset}"] td[data-arch="${arch}"]`, 'data-done');

describe.skipIf(skipReason !== undefined)('snn dashboard in headless Chromium', () => {
  let dir: string;
  let browser: LaunchedBrowser;
  let dashboard: Dashboard;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'snn-dash-browser-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await dashboard?.close();
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a run in progress, updates while its store grows, then shows its report — never writing', async () => {
    const store = writeFixtureStore(dir, [
      fixtureRecord('iris', 'snn', 0.1, 0.8),
      fixtureRecord('iris', 'snn', 0.01, 0.9, { pruned: 3 }),
    ]);
    writeFileSync(join(dir, 'store.lock'), JSON.stringify({ pid: 4242, host: 'box' }));
    dashboard = await serveDashboard({
      outDir: dir,
      port: 0,
      pollMs: 100,
      plan: () => FIXTURE_PLAN,
    });
    const before = snapshot(dir);
    const page = await browser.context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(dashboard.url);

    // Every planned data set × network, with what is stored so far.
    await page.waitForSelector('tr[data-dataset="wine"]');
    expect(
      await page.$$eval('tr.dataset', (rows) => rows.map((r) => r.getAttribute('data-dataset'))),
    ).toEqual(['iris', 'wine']);
    expect(await done(page, 'iris', 'snn')).toBe('2');
    expect(await page.textContent('#status')).toContain('2 of 16 configurations stored · 1 pruned');
    expect(await page.textContent('#status')).toContain('running (pid 4242 on box)');
    // The learning curves of iris: its best trial and the pruned one, drawn by uPlot.
    await page.waitForSelector('#curves .uplot canvas');
    expect(await page.getAttribute('#curves', 'data-series')).toBe('2');
    expect(await page.textContent('#curves')).toContain('snn pruned @3');
    await new Promise((r) => setTimeout(r, 500)); // several polls
    expect(snapshot(dir)).toEqual(before);

    // The run writes on: the page follows without a reload.
    appendFixtureRecords(store, [
      fixtureRecord('wine', 'relu', 0.1, 0.7),
      fixtureRecord('wine', 'relu', 0.05, 0.6, { pruned: 1 }),
    ]);
    await page.waitForFunction(
      () =>
        document
          .querySelector('tr[data-dataset="wine"] td[data-arch="relu"]')
          ?.getAttribute('data-done') === '2',
    );
    await page.click('tr[data-dataset="wine"]');
    await page.waitForFunction(
      () => document.querySelector('#curves')?.getAttribute('data-dataset') === 'wine',
    );
    expect(await page.textContent('#curves')).toContain('relu best: relu/depth=2/width=16/lr=0.1');
    expect(await page.isHidden('#report')).toBe(true);

    // Complete: every planned configuration stored, the lock gone, the report files written.
    const more = (dataset: string, arch: string, lrs: number[]) =>
      lrs.map((lr) => fixtureRecord(dataset, arch, lr, 0.5));
    appendFixtureRecords(store, [
      ...more('iris', 'snn', [0.2, 0.3]),
      ...more('iris', 'relu', [0.1, 0.2, 0.3, 0.4]),
      ...more('wine', 'snn', [0.1, 0.2, 0.3, 0.4]),
      ...more('wine', 'relu', [0.2, 0.3]),
    ]);
    rmSync(join(dir, 'store.lock'));
    writeFileSync(
      join(dir, 'uci.md'),
      '## Average rank\n\n| network | rank |\n|---|---:|\n| snn | 1.5 |\n| relu | 1.5 |\n',
    );
    writeFileSync(
      join(dir, 'uci-ranks.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#4c78a8"/></svg>',
    );
    await page.waitForSelector('#report:not(.hidden) table');
    expect(await page.textContent('#status')).toContain('16 of 16 configurations stored');
    expect(await page.textContent('#report')).toContain('snn');
    await page.waitForFunction(
      () => (document.querySelector('#report img') as HTMLImageElement | null)?.naturalWidth === 40,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
