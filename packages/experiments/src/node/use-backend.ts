import { type BackendChoice, type BackendName, selectBackend } from '@snn/runtime';

/**
 * Activates the tfjs backend `requested` (default `auto`) through @snn/runtime's `selectBackend`;
 * `log` receives its one-line explanation. The choice is recorded in result JSON as returned.
 */
export async function useBackend(
  requested: BackendName = 'auto',
  log?: (line: string) => void,
): Promise<BackendChoice> {
  return selectBackend(requested, log ? { log } : {});
}
