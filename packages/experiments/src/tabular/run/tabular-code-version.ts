import { gitCommit } from '@snn/sweep';
import packageJson from '../../../package.json';

/**
 * The code version a queued run and its workers must share: `@snn/experiments`'s version and,
 * from a checkout, its git commit, so a worker on other code refuses the run's tasks.
 *
 * @example
 * tabularCodeVersion(); // '0.1.0+3be3513…' in a checkout
 */
export function tabularCodeVersion(): string {
  const commit = gitCommit();
  return `${packageJson.version}${commit === null ? '' : `+${commit}`}`;
}
