/** "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * Estimated time left from the fraction done and the time spent, assuming the remaining work
 * proceeds at the average rate so far.
 */
export function estimateRemaining(fractionDone: number, elapsedMs: number): number {
  if (!(fractionDone > 0)) return Number.NaN;
  return (elapsedMs * (1 - Math.min(fractionDone, 1))) / fractionDone;
}
