// A tiny Figure 1 through the library: node examples/figure1-tiny.mjs
import { runFigure1 } from '@snn/experiments';

const result = await runFigure1({
  depths: [4, 8],
  width: 64,
  limit: 512,
  epochs: 5,
  lr: 0.01,
  log: (line) => console.log(line.slice(0, 60)),
});
for (const curve of result.curves) {
  console.log(curve.arch.padEnd(9), curve.depth, curve.loss.map((l) => l.toFixed(3)).join(' '));
}
console.log('bend flips:', result.smoothness.wiggleShare);
process.exit(0); // the threaded wasm backend's workers would keep Node running
