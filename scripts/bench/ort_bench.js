#!/usr/bin/env node
// ONNX Runtime side of Kiln's benchmark (scripts/bench/bench.py runs it).
//
// Usage: node ort_bench.js --model model.onnx --threads N --warmup SEC --time SEC
//                          --outdir DIR in_0.bin [in_1.bin ...]
//
// Creates an ONNX Runtime session (onnxruntime-node, CPU execution provider,
// graphOptimizationLevel 'all', intraOpNumThreads N, interOpNumThreads 1, sequential
// execution), runs it for `--warmup` seconds (at least 3 runs), then times single
// runs with process.hrtime until `--time` seconds have passed (at least 5 runs),
// exactly as harness.c does for Kiln. Inputs are raw float32 files in the order of
// the session's inputs. Writes every run's latency (float64 seconds) to
// DIR/samples.bin, the outputs to DIR/output_K.bin and one line of JSON to stdout.
//
// The runs call the native binding's synchronous run() (what
// InferenceSession.run() wraps in a Promise and a setImmediate), with the output
// tensors preallocated, so the figure is ORT's own run plus N-API marshalling and
// no event-loop turn: the closest Node gets to calling OrtRun from C.
'use strict';

const fs = require('fs');
const path = require('path');

function procStatusKb(key) {
  const m = fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'));
  return m ? Number(m[1]) : -1;
}

function parseArgs(argv) {
  const a = { threads: 1, warmup: 0.5, time: 2.0, outdir: '.', inputs: [], model: null };
  for (let i = 2; i < argv.length; ++i) {
    const k = argv[i];
    if (k === '--model') a.model = argv[++i];
    else if (k === '--threads') a.threads = Number(argv[++i]);
    else if (k === '--warmup') a.warmup = Number(argv[++i]);
    else if (k === '--time') a.time = Number(argv[++i]);
    else if (k === '--outdir') a.outdir = argv[++i];
    else if (!k.startsWith('-')) a.inputs.push(k);
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.model) throw new Error('--model is required');
  return a;
}

function main() {
  const args = parseArgs(process.argv);
  // Baseline before ONNX Runtime is loaded: the peak-memory figure is the growth over it.
  const rssStartKb = procStatusKb('VmRSS');
  const ort = require('onnxruntime-node');
  const { binding, initOrt } = require('onnxruntime-node/dist/binding');
  const version = require('onnxruntime-node/package.json').version;
  initOrt();
  const rssOrtLoadedKb = procStatusKb('VmRSS');

  const session = new binding.InferenceSession();
  session.loadModel(path.resolve(args.model), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: args.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    enableCpuMemArena: true,
    enableMemPattern: true,
  });
  const meta = (list) => list.map((m) => ({ name: m.name, type: m.type, shape: Array.from(m.shape) }));
  const inputs = meta(session.inputMetadata);
  const outputs = meta(session.outputMetadata);
  if (inputs.length !== args.inputs.length) {
    throw new Error(`model has ${inputs.length} inputs, ${args.inputs.length} files given`);
  }
  const feeds = {};
  inputs.forEach((m, i) => {
    if (m.type !== 1) throw new Error(`input ${m.name}: only float32 inputs are supported`);
    const buf = fs.readFileSync(args.inputs[i]);
    const count = m.shape.reduce((x, y) => x * y, 1);
    if (buf.length !== 4 * count) throw new Error(`${args.inputs[i]}: expected ${4 * count} bytes`);
    const data = new Float32Array(count);
    new Uint8Array(data.buffer).set(buf);
    feeds[m.name] = new ort.Tensor('float32', data, m.shape);
  });
  const fetches = {};
  outputs.forEach((m) => {
    if (m.type !== 1) throw new Error(`output ${m.name}: only float32 outputs are supported`);
    fetches[m.name] = new ort.Tensor('float32', new Float32Array(m.shape.reduce((x, y) => x * y, 1)), m.shape);
  });
  const runOptions = {};
  const run = () => session.run(feeds, fetches, runOptions);

  const now = () => Number(process.hrtime.bigint()) * 1e-9;
  const t0 = now();
  for (let n = 0; n < 3 || now() - t0 < args.warmup; ++n) run();

  let samples = new Float64Array(1 << 16);
  let n = 0;
  const start = now();
  let end = start;
  while (n < 5 || end - start < args.time) {
    const a = now();
    run();
    end = now();
    if (n === samples.length) {
      const bigger = new Float64Array(samples.length * 2);
      bigger.set(samples);
      samples = bigger;
    }
    samples[n++] = end - a;
  }
  samples = samples.slice(0, n);
  fs.writeFileSync(path.join(args.outdir, 'samples.bin'), Buffer.from(samples.buffer));
  // With preallocated outputs, run() fills fetches' tensors in place; take whatever it returns
  // if it returned fresh ones.
  const result = run();
  outputs.forEach((m, i) => {
    const r = result && result[m.name];
    const data = r && r.data ? r.data : fetches[m.name].data;
    fs.writeFileSync(path.join(args.outdir, `output_${i}.bin`),
                     Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });

  const sorted = Array.from(samples).sort((x, y) => x - y);
  const median = n % 2 ? sorted[(n - 1) / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  console.log(JSON.stringify({
    engine: 'ort', version, model: args.model, threads: args.threads, runs: n,
    min_s: sorted[0], median_s: median,
    rss_start_kb: rssStartKb, rss_ort_loaded_kb: rssOrtLoadedKb, peak_rss_kb: procStatusKb('VmHWM'),
  }));
}

main();
