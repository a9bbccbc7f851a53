/* In-process A/B of two runtimes (scripts/bench/runtime-ab.sh builds it).
 *
 * One model compiled twice, as KILN_A and KILN_B; KILN_A's object and the old
 * runtime's context.c have every kiln_* runtime symbol renamed kilnA_*, so each
 * object runs on its own runtime. The program creates a context of each and
 * alternates blocks of BLOCK runs (A then B, then B then A), dropping the first
 * 2 runs of each block: the other pool's worker may still be spinning then, and
 * a block's first loop may find its own worker asleep. Prints min, 10th
 * percentile and median of each, and the ratios B/A.
 *
 *   runtime_ab THREADS SECONDS BLOCK
 */
#define _POSIX_C_SOURCE 200809L
#include "ab_models.h"

#include <stdio.h>

/* The old runtime, renamed. */
kiln_context *kilnA_context_create(int num_threads);
void kilnA_context_destroy(kiln_context *ctx);
/* The old context.c's call into cuda.c: no GPU state here. */
void kilnA_gpu_release_context(kiln_context *ctx) { (void)ctx; }

enum { kMaxSamples = 1 << 18, kMaxTensors = 64, kDropped = 2 };

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s THREADS SECONDS BLOCK\n", argv[0]);
    return 2;
  }
  int threads = atoi(argv[1]), block = atoi(argv[3]);
  double seconds = atof(argv[2]);
  const kiln_model_info *info = CAT(KILN_A, _info)();
  if (info->num_inputs > kMaxTensors || info->num_outputs > kMaxTensors || block < 1)
    return 2;
  const void *in[kMaxTensors];
  void *out[kMaxTensors];
  for (int32_t i = 0; i < info->num_inputs; ++i)
    if (!(in[i] = alloc_tensor(&info->inputs[i], 1)))
      return 1;
  for (int32_t i = 0; i < info->num_outputs; ++i)
    if (!(out[i] = alloc_tensor(&info->outputs[i], 0)))
      return 1;
  kiln_context *ctx[2] = {kilnA_context_create(threads), kiln_context_create(threads)};
  if (!ctx[0] || !ctx[1])
    return 1;
  kiln_status (*run[2])(kiln_context *, const void *const *,
                        void *const *) = {CAT(KILN_A, _run), CAT(KILN_B, _run)};
  static double samples[2][kMaxSamples];
  size_t n[2] = {0, 0};
  double end = now() + seconds;
  for (size_t round = 0; now() < end; ++round)
    for (int k = 0; k < 2; ++k) {
      int v = (int)(round & 1) ^ k; /* A B, then B A */
      for (int r = 0; r < block + kDropped; ++r) {
        double t0 = now();
        if (run[v](ctx[v], in, out) != KILN_OK) {
          fprintf(stderr, "runtime_ab: run failed: %s\n", kiln_last_error_message());
          return 1;
        }
        if (r >= kDropped && n[v] < kMaxSamples)
          samples[v][n[v]++] = now() - t0;
      }
    }
  kilnA_context_destroy(ctx[0]);
  kiln_context_destroy(ctx[1]);
  double fig[2][3];
  for (int v = 0; v < 2; ++v) {
    qsort(samples[v], n[v], sizeof(double), cmp_double);
    fig[v][0] = samples[v][0] * 1e3;
    fig[v][1] = samples[v][n[v] / 10] * 1e3;
    fig[v][2] = samples[v][n[v] / 2] * 1e3;
  }
  printf(
      "T=%d n=%zu  A min %.4f p10 %.4f med %.4f ms | B min %.4f p10 %.4f med %.4f ms | "
      "B/A min %.3f p10 %.3f med %.3f\n",
      threads, n[1], fig[0][0], fig[0][1], fig[0][2], fig[1][0], fig[1][1], fig[1][2],
      fig[1][0] / fig[0][0], fig[1][1] / fig[0][1], fig[1][2] / fig[0][2]);
  return 0;
}
