/**
 * `snn uci --search random --trials 6 --prune asha` and `snn dashboard` end to end through the
 * built CLI on the real iris and wine data: the run completes with pruned configurations, a rerun
 * on its folder trains nothing, and the dashboard — opened in headless Chromium while the run
 * writes — shows both data sets and follows the store as it grows. Needs
 * ../shared/data/uci121/data.tar.gz and Debian's chromium (skipped with a message otherwise).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';
import { type LaunchedBrowser, chromiumAvailable, launchChromium } from '../../web/e2e/chromium';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const archive = join(root, '../shared/data/uci121/data.tar.gz');
const skip = !existsSync(archive)
  ? `${archive} is absent`
  : !chromiumAvailable()
    ? 'chromium is not installed'
    : undefined;
if (skip) console.warn(`dashboard-cli.test: skipped — ${skip}`);

// Small networks and 27 epochs: ASHA's rungs at epochs 1, 3 and 9 (⌈27/27⌉ = 1, η = 3).
const GRID = {
  name: 'asha-cli-test',
  epochs: 27,
  batchSize: 16,
  archs: { snn: { depth: [1, 2, 3], width: [8, 16], lr: [0.001, 0.05, 0.2], dropout: [0, 0.05] } },
};

describe.skipIf(skip !== undefined)(
  'snn uci --search random --prune asha, and snn dashboard',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-dash-cli-'));
    const children: ChildProcess[] = [];
    let browser: LaunchedBrowser | undefined;
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      await browser?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('completes with pruned trials, the dashboard follows it live, and a rerun trains nothing', async () => {
      const cli = builtFile('experiments', 'cli.js');
      const grid = join(dir, 'grid.json');
      writeFileSync(grid, JSON.stringify(GRID));
      const out = join(dir, 'run');
      const args = [
        cli,
        'uci',
        '--datasets',
        'iris,wine',
        '--archs',
        'snn',
        '--search',
        'random',
        '--trials',
        '6',
        '--prune',
        'asha',
        '--grid',
        grid,
        '--archive',
        archive,
        '--backend',
        'cpu',
        '--workers',
        '2',
        '--out',
        out,
        '--json',
      ];
      // The page is open on the (empty) run folder before the run starts, so it sees it grow.
      mkdirSync(out);
      const dashboard = spawn(process.execPath, [cli, 'dashboard', out, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(dashboard);
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        dashboard.stdout!.on('data', (c) => {
          text += String(c);
          const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
          if (found) resolve(found[0]);
        });
        dashboard.on('exit', (code) => reject(new Error(`snn dashboard exited (${code})`)));
      });
      browser = await launchChromium();
      const page = await browser.context.newPage();
      await page.goto(url);
      const run = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(run);
      let runOut = '';
      run.stdout!.on('data', (c) => {
        runOut += String(c);
      });
      run.stderr!.resume();
      const runDone = new Promise<number | null>((resolve) => run.on('exit', resolve));
      const store = join(out, 'store.jsonl');
      await page.waitForSelector('tr[data-dataset="wine"]');
      const stored = async () => Number(await page.getAttribute('#status', 'data-stored'));
      const first = await stored();
      expect(first).toBeLessThan(12); // the page was open before the run stored anything
      await page.waitForFunction(
        (n) => Number(document.querySelector('#status')?.getAttribute('data-stored')) > n,
        first,
        { timeout: 120_000 },
      );
      expect(
        await page.$$eval('tr.dataset', (rows) => rows.map((r) => r.getAttribute('data-dataset'))),
      ).toEqual(['iris', 'wine']);

      expect(await runDone).toBe(0);
      expect(JSON.parse(runOut)).toMatchObject({ complete: true, trained: 12, resumed: 0 });
      const records = readFileSync(store, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l) as { key: string; pruned?: number; validation: unknown[] });
      expect(records).toHaveLength(12);
      const pruned = records.filter((r) => r.pruned !== undefined);
      expect(pruned.length).toBeGreaterThan(0);
      for (const r of pruned) {
        expect([1, 3, 9]).toContain(r.pruned);
        expect(r.validation.filter((v) => v !== null)).toHaveLength(r.pruned!);
      }
      expect(records.every((r) => /^(iris|wine)\/fold1\/trial=[0-5]\/snn\//.test(r.key))).toBe(
        true,
      );

      // The finished run: all 12 on the page, pruned ones counted, the report shown.
      await page.waitForSelector('#report:not(.hidden) table', { timeout: 30_000 });
      expect(await stored()).toBe(12);
      expect(await page.textContent('#status')).toContain(`${pruned.length} pruned`);

      const again = JSON.parse(
        execFileSync(process.execPath, args, {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      );
      expect(again).toMatchObject({ complete: true, trained: 0, resumed: 12 });
      dashboard.kill('SIGTERM');
      expect(await new Promise((r) => dashboard.on('exit', r))).toBe(0);
    }, 240_000);
  },
);
