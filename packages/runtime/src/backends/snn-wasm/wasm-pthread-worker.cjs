// Entry file of every pthread worker of the multithreaded wasm backend in Node.
//
// @tensorflow/tfjs-backend-wasm ships emscripten's pthread worker script only as a string
// (`wasmWorkerContents`) and, in the browser, starts workers from a blob: URL of it. Node's
// worker_threads cannot start a blob: URL and treat data: URLs as ES modules, but emscripten's
// worker is a CommonJS script (it calls `require('worker_threads')`). So Node's workers start from
// this file, which runs the very string tfjs ships, of the installed version, as CommonJS.
'use strict';

const vm = require('node:vm');
const {
  wasmWorkerContents,
} = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');

// tfjs escapes newlines the same way before it builds its blob (the script holds '\n' in strings).
const source = wasmWorkerContents.replace(/\n/g, '\\n');
const run = vm.runInThisContext(`(function (require, __filename) {${source}\n})`, {
  filename: __filename,
});
run(require, __filename);
