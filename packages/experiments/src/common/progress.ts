/** Where progress goes: any writable stream; `isTTY`/`columns` switch on the live bar. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Units of work in the whole job (e.g. epochs × curves). */
  total: number;
  /** Shown before the bar, e.g. `figure1`. */
  label: string;
  /** Default `process.stderr`, so `--json` output on stdout stays clean. */
  stream?: ProgressStream;
  /** Units already done before this process started (a resumed run); not counted for the ETA. */
  initial?: number;
  /** Minimum time between two redraws; default 100 ms on a TTY, 5000 ms for plain lines. */
  intervalMs?: number;
  /** Clock in ms, for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Show `done/total` before the percentage; default true. Turn off when the units are weights
   * (e.g. epochs weighted by cost) rather than something a reader counts.
   */
  counts?: boolean;
}

export interface Progress {
  /** Marks `n` (default 1) more units done; `info` is shown after the bar (e.g. the last loss). */
  tick(n?: number, info?: string): void;
  /** Draws the final state and ends the line. Idempotent. */
  done(): void;
}

/** `75` → `1m15s`; `4000` → `1h06m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * A progress report with an ETA: a redrawn bar on a terminal, plain lines otherwise (CI logs,
 * pipes). Redraws are rate-limited, so calling `tick` once per training step costs nothing.
 * The ETA extrapolates the rate of the units done by this process.
 *
 * @example
 * const progress = createProgress({ total: 60, label: 'figure1' });
 * for (let epoch = 0; epoch < 60; epoch++) progress.tick(1, `loss ${loss.toFixed(4)}`);
 * progress.done();
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? (tty ? 100 : 5000);
  const total = Math.max(0, options.total);
  const initial = Math.min(total, Math.max(0, options.initial ?? 0));
  const started = now();
  let count = initial;
  let info = '';
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = '';
  let finished = false;

  const describe = (): { counts: string; time: string } => {
    const fraction = total === 0 ? 1 : count / total;
    const elapsed = (now() - started) / 1000;
    const doneHere = count - initial;
    const eta = doneHere > 0 ? (elapsed / doneHere) * (total - count) : Number.NaN;
    const timeLeft = count >= total ? 'done' : `ETA ${formatDuration(eta)}`;
    const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
    return {
      counts: options.counts === false ? percent : `${count}/${total} ${percent}`,
      time: `${formatDuration(elapsed)} elapsed, ${timeLeft}`,
    };
  };

  const draw = (): void => {
    lastDraw = now();
    drawn = `${count}\u0000${info}`;
    const { counts, time } = describe();
    if (tty) {
      const width = 24;
      const filled = total === 0 ? width : Math.round((count / total) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      let line = `${options.label} ${bar} ${counts} ${time}${info ? `  ${info}` : ''}`;
      const columns = stream.columns ?? 100;
      if (line.length > columns - 1) line = line.slice(0, Math.max(0, columns - 1));
      stream.write(`\r${line}\x1b[K`);
    } else {
      stream.write(`${options.label}: ${counts} (${time})${info ? ` ${info}` : ''}\n`);
    }
  };

  return {
    tick(n = 1, text?: string) {
      if (finished) return;
      count = Math.min(total, count + n);
      if (text !== undefined) info = text;
      if (now() - lastDraw >= interval) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      // A plain log already showing the final state needs no second identical line.
      if (tty || drawn !== `${count}\u0000${info}`) draw();
      if (tty) stream.write('\n');
    },
  };
}
