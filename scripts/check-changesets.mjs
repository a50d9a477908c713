// `pnpm run check`'s changeset gate (see changeset-gate.mjs).
import { fileURLToPath } from 'node:url';
import { checkChangesets } from './changeset-gate.mjs';

const { ok, lines } = checkChangesets(fileURLToPath(new URL('../', import.meta.url)));
for (const line of lines) (ok ? console.log : console.error)(line);
if (!ok) process.exit(1);
