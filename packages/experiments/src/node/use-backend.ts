import { selectBackend } from '@snn/runtime';
import type { BackendChoice } from '../common/shared-flags';

/** The backend a run used, as recorded in result JSON. */
export interface BackendInfo {
  name: string;
  requested: string;
  reason: string;
}

/**
 * Activates the tfjs backend `requested` (default `auto`) through @snn/runtime's `selectBackend`;
 * `log` receives its one-line explanation.
 */
export async function useBackend(
  requested: BackendChoice = 'auto',
  log?: (line: string) => void,
): Promise<BackendInfo> {
  const chosen = await selectBackend(requested, log ? { log } : {});
  return { name: chosen.name, requested: chosen.requested, reason: chosen.reason };
}
