#!/usr/bin/env node
// ONNX Runtime's own per-node times inside a model (a developer's aid, not a
// test; layers.py times layers cut out of the model, where ORT pays its layout
// reorders at both ends).
//
// Usage: node ort_profile.js --model model.onnx --threads N --runs R in_0.bin...
//
// Runs the model R times (at least 100; the first 50 are left out as warm-up)
// with ORT's profiler on (SessionOptions enableProfiling, the same session
// options as ort_bench.js) and prints the median of each node's kernel time
// and of the whole run, in microseconds, in the order the nodes run. Pin it
// to one core (taskset -c 0) at 1 thread: this machine's two vCPUs do not run
// at the same speed. The profiler's JSON is written to the system's temporary
// folder and removed afterwards.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

function parseArgs(argv) {
  const a = { threads: 1, runs: 300, inputs: [], model: null };
  for (let i = 2; i < argv.length; ++i) {
    const k = argv[i];
    if (k === '--model') a.model = argv[++i];
    else if (k === '--threads') a.threads = Number(argv[++i]);
    else if (k === '--runs') a.runs = Math.max(100, Number(argv[++i]));
    else if (k === '-h' || k === '--help') {
      console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 15)
        .map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else if (!k.startsWith('-')) a.inputs.push(k);
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.model) throw new Error('--model is required');
  return a;
}

function median(v) {
  const s = Array.from(v).sort((x, y) => x - y);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

async function main() {
  const args = parseArgs(process.argv);
  const ort = require('onnxruntime-node');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ort-profile-'));
  try {
    await profile(ort, args, path.join(dir, 'p'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function profile(ort, args, prefix) {
  const session = await ort.InferenceSession.create(path.resolve(args.model), {
    executionProviders: ['cpu'], graphOptimizationLevel: 'all',
    intraOpNumThreads: args.threads, interOpNumThreads: 1, executionMode: 'sequential',
    enableProfiling: true, profileFilePrefix: prefix,
  });
  const meta = session.inputMetadata;
  if (meta.length !== args.inputs.length) {
    throw new Error(`model has ${meta.length} inputs, ${args.inputs.length} files given`);
  }
  const feeds = {};
  meta.forEach((m, i) => {
    const buf = fs.readFileSync(args.inputs[i]);
    const data = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
    feeds[m.name] = new ort.Tensor('float32', data, m.shape);
  });
  for (let i = 0; i < args.runs; ++i) await session.run(feeds);
  session.endProfiling();
  const dir = path.dirname(prefix);
  const file = fs.readdirSync(dir).map((f) => path.join(dir, f))[0];
  const events = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map();
  const runs = [];
  for (const e of events) {
    if (e.cat === 'Node' && e.name.endsWith('_kernel_time')) {
      const name = e.name.slice(0, -'_kernel_time'.length);
      if (!nodes.has(name)) nodes.set(name, { op: e.args.op_name, shape: e.args.output_type_shape, dur: [] });
      nodes.get(name).dur.push(e.dur);
    } else if (e.cat === 'Session' && e.name === 'model_run') runs.push(e.dur);
  }
  console.log(`model_run: median ${median(runs.slice(50))} us over ${runs.length - 50} runs, ` +
              `${args.threads} thread(s)`);
  let sum = 0;
  for (const [name, n] of nodes) {
    const m = median(n.dur.slice(50));
    sum += m;
    const shape = n.shape && n.shape[0] ? JSON.stringify(Object.values(n.shape[0])[0]) : '';
    console.log(`${m.toFixed(1).padStart(9)} us  ${String(n.op).padEnd(18)} ${shape.padEnd(20)} ${name}`);
  }
  console.log(`${sum.toFixed(1).padStart(9)} us  sum of the nodes' medians`);
}

main().catch((e) => { console.error(`ort_profile.js: ${e.message}`); process.exit(1); });
