import type { DownloadProgress } from '../remote';

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

function seconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
}

/**
 * The default download display on `stream` (stderr): on a TTY one line redrawn in place —
 * bar, percent, MB, speed, ETA — at most 10 times a second; otherwise plain lines at the start,
 * every 25 % (or 25 MB without a known size) and at the end.
 */
export function progressPrinter(
  stream: NodeJS.WriteStream = process.stderr,
): (p: DownloadProgress) => void {
  const start = Date.now();
  let lastDraw = 0;
  let lastStep = -1;
  return (p) => {
    const now = Date.now();
    const elapsed = Math.max((now - start) / 1000, 1e-3);
    const rate = p.receivedBytes / elapsed;
    const total = p.totalBytes;
    if (stream.isTTY) {
      if (!p.done && now - lastDraw < 100) return;
      lastDraw = now;
      let line: string;
      if (total) {
        const f = Math.min(p.receivedBytes / total, 1);
        const width = 24;
        const filled = Math.round(f * width);
        const eta = (total - p.receivedBytes) / Math.max(rate, 1);
        line = `${p.file} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${mb(p.receivedBytes)}/${mb(total)} ${mb(rate)}/s ETA ${seconds(eta)}`;
      } else {
        line = `${p.file} ${mb(p.receivedBytes)} ${mb(rate)}/s`;
      }
      stream.write(`\r${line}\x1b[K${p.done ? '\n' : ''}`);
      return;
    }
    const step = total
      ? Math.floor((p.receivedBytes / total) * 4)
      : Math.floor(p.receivedBytes / 25e6);
    if (p.done) {
      stream.write(`downloaded ${p.url} (${mb(p.receivedBytes)} in ${seconds(elapsed)})\n`);
    } else if (lastStep < 0) {
      stream.write(`downloading ${p.url}${total ? ` (${mb(total)})` : ''}\n`);
      lastStep = step;
    } else if (step > lastStep) {
      lastStep = step;
      stream.write(
        `  ${p.file}: ${mb(p.receivedBytes)}${total ? ` of ${mb(total)} (${((p.receivedBytes / total) * 100).toFixed(0)}%)` : ''}\n`,
      );
    }
  };
}
