// The paper's Theorem 1 in numbers: node examples/theory.mjs
import { computeTheory } from '@snn/experiments';

const theory = computeTheory();
const f = (x) => x.toFixed(6);
console.log(`fixed point: (${f(theory.fixedPoint.mean)}, ${f(theory.fixedPoint.variance)})`);
console.log(`Jacobian: ${JSON.stringify(theory.jacobian.map((row) => row.map(f)))}`);
console.log(`spectral norm: ${f(theory.spectralNorm)}`);
for (const c of theory.theorem1.corners.filter(
  (c) => c.start.mean === 0.1 && c.start.variance === 1.5,
)) {
  console.log(
    `from μ=0.1, ν=1.5, ω=${c.start.omega}, τ=${c.start.tau} → (${c.end.mean.toFixed(4)}, ${c.end.variance.toFixed(4)}) in ${c.iterations} steps`,
  );
}
