/** What the sweep's process sends a local-pool worker: a unit's data, a unit to drop, a task. */
export type ToPoolWorker =
  | { type: 'unit'; unit: string; data: unknown }
  | { type: 'drop'; unit: string }
  | { type: 'task'; task: { key: string; unit: string } }
  | { type: 'decision'; key: string; id: number; decision: 'continue' | 'prune' };

/** What a local-pool worker answers: ready for tasks, a task's epoch report, result or error. */
export type FromPoolWorker =
  | { type: 'ready' }
  | { type: 'report'; key: string; id: number; epoch: number; value: number | null }
  | { type: 'result'; key: string; result: unknown }
  | { type: 'failed'; key: string; message: string; stack?: string };
