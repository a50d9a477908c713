/**
 * The dashboard's page: a shell whose script (`/dashboard.js`, {@link DASHBOARD_SCRIPT}) fetches
 * the run's summary, draws the progress table, the learning curves (uPlot, served from the
 * package's own `node_modules` at `/vendor/`) and, once the run is complete, its report; it
 * listens to `/api/events` (server-sent events) and fetches again on every change. No inline
 * script and nothing from another origin, so the page works offline under a strict CSP.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>snn dashboard</title>
<link rel="stylesheet" href="/vendor/uPlot.min.css">
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; margin: 0 0 .3em; }
#status { color: #555; margin-bottom: 1em; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr.dataset { cursor: pointer; }
tr.dataset:hover, tr.selected { background: #eef4ff; }
.bar { display: inline-block; width: 60px; height: 8px; background: #eee; margin-right: 6px; vertical-align: middle; }
.bar > span { display: block; height: 100%; background: #4c78a8; }
.pruned { color: #b35900; }
#report img { max-width: 100%; border: 1px solid #eee; }
#curves-title { margin-top: 1em; }
.hidden { display: none; }
</style>
</head>
<body>
<h1 id="title">snn dashboard</h1>
<div id="status">loading…</div>
<table id="progress"><thead></thead><tbody></tbody></table>
<h2 id="curves-title" class="hidden"></h2>
<div id="curves"></div>
<section id="report" class="hidden"><h2>Report</h2><div id="report-plot"></div><div id="report-text"></div></section>
<script src="/vendor/uPlot.iife.min.js"></script>
<script src="/dashboard.js"></script>
</body>
</html>
`;

/** The page's script: plain browser JavaScript (no build step), see {@link DASHBOARD_HTML}. */
export const DASHBOARD_SCRIPT = `'use strict';
const state = { summary: null, dataset: null, plot: null, version: -1, reportShown: '' };
const $ = (id) => document.getElementById(id);
const text = (tag, value, cls) => { const e = document.createElement(tag); e.textContent = value; if (cls) e.className = cls; return e; };
const COLORS = ['#4c78a8', '#e45756', '#54a24b', '#b279a2', '#f58518', '#72b7b2', '#9d755d'];

async function refresh() {
  const response = await fetch('/api/summary', { cache: 'no-store' });
  const summary = await response.json();
  state.summary = summary;
  renderStatus(summary);
  renderProgress(summary);
  if (state.dataset === null && summary.groups.length > 0) state.dataset = summary.groups[0].dataset;
  if (state.dataset !== null) await renderCurves(state.dataset);
  await renderReport(summary);
  document.body.dataset.version = String(summary.version);
}

function renderStatus(s) {
  $('title').textContent = 'snn dashboard — ' + (s.benchmark ?? 'no store yet') + ' — ' + s.folder;
  const c = s.counts;
  const parts = [c.stored + (c.planned === null ? '' : ' of ' + c.planned) + ' configurations stored'];
  const pruned = s.groups.reduce((a, g) => a + g.pruned, 0);
  if (pruned > 0) parts.push(pruned + ' pruned');
  if (c.failed > 0) parts.push(c.failed + ' failed');
  parts.push(s.complete ? 'complete' : s.running ? 'running (' + s.running + ')' : 'not running');
  if (s.wallSeconds !== null) parts.push((s.wallSeconds / 3600).toFixed(2) + ' h wall time');
  $('status').textContent = parts.join(' · ');
  $('status').dataset.stored = String(c.stored);
}

function renderProgress(s) {
  const archs = [...new Set(s.groups.map((g) => g.arch))];
  const datasets = [...new Set(s.groups.map((g) => g.dataset))];
  const head = document.createElement('tr');
  head.append(text('th', 'data set'));
  for (const a of archs) head.append(text('th', a));
  head.append(text('th', 'best (smoothed validation)'));
  $('progress').tHead.replaceChildren(head);
  const rows = datasets.map((d) => {
    const tr = document.createElement('tr');
    tr.className = 'dataset' + (d === state.dataset ? ' selected' : '');
    tr.dataset.dataset = d;
    tr.append(text('td', d));
    let best = null;
    for (const a of archs) {
      const g = s.groups.find((x) => x.dataset === d && x.arch === a);
      const td = document.createElement('td');
      if (g) {
        td.dataset.arch = a;
        td.dataset.done = String(g.done);
        const bar = document.createElement('span');
        bar.className = 'bar';
        const fill = document.createElement('span');
        fill.style.width = (g.total ? Math.min(100, (100 * g.done) / g.total) : 100) + '%';
        bar.append(fill);
        td.append(bar, text('span', g.done + (g.total === null ? '' : '/' + g.total)));
        if (g.pruned > 0) td.append(text('span', ' (' + g.pruned + ' pruned)', 'pruned'));
        if (g.best && (best === null || g.best.smoothed > best.smoothed)) best = { ...g.best, arch: a };
      }
      tr.append(td);
    }
    tr.append(text('td', best ? best.arch + ' ' + best.smoothed.toFixed(4) + ' @' + best.epoch : '—'));
    tr.addEventListener('click', () => { state.dataset = d; refresh(); });
    return tr;
  });
  $('progress').tBodies[0].replaceChildren(...rows);
}

async function renderCurves(dataset) {
  const response = await fetch('/api/curves?dataset=' + encodeURIComponent(dataset), { cache: 'no-store' });
  const groups = await response.json();
  const lines = [];
  groups.forEach((g, i) => {
    const color = COLORS[i % COLORS.length];
    if (g.best) lines.push({ label: g.arch + ' best: ' + g.best.configId, values: g.best.validation, stroke: color, width: 2.5 });
    for (const p of g.pruned) lines.push({ label: g.arch + ' pruned @' + p.pruned + ': ' + p.configId, values: p.validation, stroke: color + '66', width: 1, dash: [4, 3] });
  });
  $('curves-title').textContent = 'Validation curves — ' + dataset + ' (best per network; pruned trials dashed)';
  $('curves-title').classList.remove('hidden');
  const epochs = Math.max(1, ...lines.map((l) => l.values.length));
  const data = [Array.from({ length: epochs }, (_, i) => i + 1), ...lines.map((l) => Array.from({ length: epochs }, (_, i) => l.values[i] ?? null))];
  state.plot?.destroy();
  $('curves').dataset.series = String(lines.length);
  $('curves').dataset.dataset = dataset;
  state.plot = new uPlot({
    width: Math.min(1000, window.innerWidth - 60), height: 320,
    scales: { x: { time: false } },
    axes: [{ label: 'epoch' }, { label: 'validation' }],
    series: [{ label: 'epoch' }, ...lines.map((l) => ({ label: l.label, stroke: l.stroke, width: l.width, dash: l.dash, spanGaps: false }))],
  }, data, $('curves'));
}

async function renderReport(s) {
  const plot = s.report.find((f) => f.name.endsWith('.svg'));
  const markdown = s.report.find((f) => f.name === s.benchmark + '.md');
  const id = s.complete ? s.report.map((f) => f.name + f.mtimeMs).join() : '';
  if (id === state.reportShown) return;
  state.reportShown = id;
  $('report').classList.toggle('hidden', !s.complete || (!plot && !markdown));
  $('report-plot').replaceChildren();
  $('report-text').replaceChildren();
  if (!s.complete) return;
  if (plot) { const img = document.createElement('img'); img.src = '/files/' + encodeURIComponent(plot.name) + '?' + plot.mtimeMs; img.alt = 'ranks'; $('report-plot').append(img); }
  if (markdown) { const r = await fetch('/api/report'); $('report-text').innerHTML = await r.text(); }
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('update', () => refresh().catch(() => {}));
  events.onerror = () => { events.close(); setTimeout(listen, 3000); };
}
refresh().catch((e) => { $('status').textContent = 'cannot read the run: ' + e.message; });
listen();
`;
