/* Timing harness for one Kiln-compiled model (scripts/bench/bench.py builds it).
 *
 * Compiled once per model against its generated header:
 *   cc -O2 -DKILN_MODEL=NAME -include NAME.h harness.c NAME.o $(kilnc --print-runtime-flags)
 *
 * Usage: harness --threads N --warmup SEC --time SEC --outdir DIR in_0.bin [in_1.bin ...]
 *
 * Loads the raw inputs, creates a kiln_context of N threads, runs NAME_run for
 * `--warmup` seconds (at least 3 runs), then times single runs with clock_gettime
 * (CLOCK_MONOTONIC) until `--time` seconds have passed (at least 5 runs). It writes
 * every run's latency (float64 seconds) to DIR/samples.bin, the outputs of the last
 * run to DIR/output_K.bin, and one line of JSON to stdout. Exit status 1 on error.
 */
#define _GNU_SOURCE
#include <kiln/runtime.h>

#include "bench_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef KILN_MODEL
#error "define KILN_MODEL to the model's --name"
#endif
#define MODEL_INFO CAT(KILN_MODEL, _info)
#define MODEL_RUN CAT(KILN_MODEL, _run)

/* kB value of a "Key:" line of /proc/self/status, or -1. */
static long proc_status_kb(const char *key) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  size_t n = strlen(key);
  while (fgets(line, sizeof line, f))
    if (strncmp(line, key, n) == 0 && line[n] == ':') {
      kb = strtol(line + n + 1, NULL, 10);
      break;
    }
  fclose(f);
  return kb;
}

static size_t tensor_bytes(const kiln_tensor_info *t) {
  size_t n = dtype_size(t->dtype);
  for (int32_t d = 0; d < t->rank; ++d) n *= (size_t)t->shape[d];
  return n;
}

int main(int argc, char **argv) {
  long rss_start_kb = proc_status_kb("VmRSS");
  int threads = 1;
  double warmup = 0.5, mintime = 2.0;
  const char *outdir = ".";
  const char *files[64];
  int nfiles = 0;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--threads") && i + 1 < argc) threads = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--warmup") && i + 1 < argc) warmup = atof(argv[++i]);
    else if (!strcmp(argv[i], "--time") && i + 1 < argc) mintime = atof(argv[++i]);
    else if (!strcmp(argv[i], "--outdir") && i + 1 < argc) outdir = argv[++i];
    else if (argv[i][0] != '-' && nfiles < 64) files[nfiles++] = argv[i];
    else {
      fprintf(stderr, "usage: %s --threads N --warmup SEC --time SEC --outdir DIR in_0.bin...\n",
              argv[0]);
      return 1;
    }
  }

  const kiln_model_info *info = MODEL_INFO();
  if (nfiles != info->num_inputs) {
    fprintf(stderr, "%s has %d inputs, %d files given\n", info->name, info->num_inputs, nfiles);
    return 1;
  }
  void **in = calloc((size_t)info->num_inputs + 1, sizeof *in);
  void **out = calloc((size_t)info->num_outputs + 1, sizeof *out);
  for (int i = 0; i < info->num_inputs; ++i) {
    size_t bytes = tensor_bytes(&info->inputs[i]);
    if (!(in[i] = alloc64(bytes))) return 1;
    FILE *f = fopen(files[i], "rb");
    if (!f) { perror(files[i]); return 1; }
    size_t got = fread(in[i], 1, bytes, f);
    int extra = fgetc(f) != EOF;
    fclose(f);
    if (got != bytes || extra) {
      fprintf(stderr, "%s: expected %zu bytes for input '%s'\n", files[i], bytes,
              info->inputs[i].name);
      return 1;
    }
  }
  for (int i = 0; i < info->num_outputs; ++i)
    if (!(out[i] = alloc64(tensor_bytes(&info->outputs[i])))) return 1;

  kiln_context *ctx = kiln_context_create(threads);
  if (!ctx) { fprintf(stderr, "kiln_context_create failed\n"); return 1; }

  /* Warm-up: at least 3 runs and `warmup` seconds. */
  double t0 = now();
  for (int n = 0; n < 3 || now() - t0 < warmup; ++n) {
    kiln_status s = MODEL_RUN(ctx, (const void *const *)in, (void *const *)out);
    if (s != KILN_OK) {
      fprintf(stderr, "%s_run: %s\n", STR(KILN_MODEL), kiln_status_string(s));
      return 1;
    }
  }

  size_t cap = 1 << 16, n = 0;
  double *samples = malloc(cap * sizeof *samples);
  double start = now(), end = start;
  while (n < 5 || end - start < mintime) {
    double a = now();
    MODEL_RUN(ctx, (const void *const *)in, (void *const *)out);
    end = now();
    if (n == cap) samples = realloc(samples, (cap *= 2) * sizeof *samples);
    samples[n++] = end - a;
  }

  char path[4096];
  snprintf(path, sizeof path, "%s/samples.bin", outdir);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(samples, sizeof *samples, n, f) != n) { perror(path); return 1; }
  fclose(f);
  for (int i = 0; i < info->num_outputs; ++i) {
    snprintf(path, sizeof path, "%s/output_%d.bin", outdir, i);
    size_t bytes = tensor_bytes(&info->outputs[i]);
    f = fopen(path, "wb");
    if (!f || fwrite(out[i], 1, bytes, f) != bytes) { perror(path); return 1; }
    fclose(f);
  }

  qsort(samples, n, sizeof *samples, cmp_double);
  double median = n % 2 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
  printf("{\"engine\": \"kiln\", \"model\": \"%s\", \"threads\": %d, \"runs\": %zu, "
         "\"min_s\": %.9g, \"median_s\": %.9g, \"workspace_bytes\": %llu, "
         "\"rss_start_kb\": %ld, \"peak_rss_kb\": %ld}\n",
         info->name, kiln_context_num_threads(ctx), n, samples[0], median,
         (unsigned long long)info->workspace_bytes, rss_start_kb, proc_status_kb("VmHWM"));
  kiln_context_destroy(ctx);
  return 0;
}
