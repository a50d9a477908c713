// Lints every package's published shape: publint (package.json vs files) and
// @arethetypeswrong/cli (types resolve for ESM and CJS consumers).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const packages = readdirSync(new URL('packages/', root));
let failed = 0;
for (const name of packages) {
  const dir = new URL(`packages/${name}/`, root).pathname;
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'node16']],
  ]) {
    try {
      execFileSync('pnpm', ['exec', tool, ...args], { cwd: dir, stdio: 'inherit' });
    } catch {
      console.error(`check-packages: ${tool} failed for @snn/${name}`);
      failed++;
    }
  }
}
if (failed > 0) {
  console.error(`check-packages: ${failed} check(s) failed`);
  process.exit(1);
}
console.log(`check-packages: ${packages.length} packages pass publint and attw`);
