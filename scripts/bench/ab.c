/* In-process A/B of two compilations of one model (scripts/bench/ab.sh builds it).
 *
 *   cc -O2 -DKILN_A=old_m -DKILN_B=new_m ab.c old_m.o new_m.o $(kilnc --print-runtime-flags)
 *   ab THREADS SECONDS
 *
 * Both objects are one model compiled by two compilers under the names KILN_A
 * and KILN_B. The program fills the inputs with a fixed pseudo-random pattern,
 * warms both up, then alternates single runs (A B, then B A, so that neither
 * always runs second) on one context until SECONDS have passed. It prints the
 * minimum, the 10th percentile and the median of each and the ratios B/A, and
 * the largest difference between the two compilations' outputs.
 *
 * Why one process: this machine's speed moves by 10-20% over seconds, so two
 * separate runs, even interleaved, disagree by more than most changes gain.
 * Within one process both variants see the same modes; their ratio is stable
 * to about 2%.
 */
#define _POSIX_C_SOURCE 200809L
#include "ab_models.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef kiln_status (*run_fn)(kiln_context *, const void *const *, void *const *);

enum { kMaxSamples = 1 << 20, kMaxTensors = 64 };

static int run_checked(run_fn run, const char *name, kiln_context *ctx,
                       const void *const *in, void *const *out) {
  kiln_status s = run(ctx, in, out);
  if (s != KILN_OK)
    fprintf(stderr, "ab: %s_run failed: %s\n", name, kiln_last_error_message());
  return s == KILN_OK;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s THREADS SECONDS\n", argv[0]);
    return 2;
  }
  int threads = atoi(argv[1]);
  double seconds = atof(argv[2]);
  const kiln_model_info *info = CAT(KILN_A, _info)();
  if (info->num_inputs > kMaxTensors || info->num_outputs > kMaxTensors) {
    fprintf(stderr, "ab: more than %d inputs or outputs\n", kMaxTensors);
    return 1;
  }
  const void *in[kMaxTensors];
  void *out_a[kMaxTensors], *out_b[kMaxTensors];
  for (int32_t i = 0; i < info->num_inputs; ++i)
    if (!(in[i] = alloc_tensor(&info->inputs[i], 1)))
      return 1;
  for (int32_t i = 0; i < info->num_outputs; ++i)
    if (!(out_a[i] = alloc_tensor(&info->outputs[i], 0)) ||
        !(out_b[i] = alloc_tensor(&info->outputs[i], 0)))
      return 1;
  kiln_context *ctx = kiln_context_create(threads);
  if (!ctx)
    return 1;
  run_fn runs[2] = {CAT(KILN_A, _run), CAT(KILN_B, _run)};
  const char *names[2] = {STR(KILN_A), STR(KILN_B)};
  void *const *outs[2] = {out_a, out_b};
  static double samples[2][kMaxSamples];
  for (int i = 0; i < 5; ++i)
    for (int v = 0; v < 2; ++v)
      if (!run_checked(runs[v], names[v], ctx, in, outs[v]))
        return 1;
  size_t n = 0;
  for (double end = now() + seconds; now() < end && n < kMaxSamples; ++n)
    for (int k = 0; k < 2; ++k) {
      int v = (int)(n & 1) ^ k; /* A B, then B A */
      double t0 = now();
      if (!run_checked(runs[v], names[v], ctx, in, outs[v]))
        return 1;
      samples[v][n] = now() - t0;
    }
  kiln_context_destroy(ctx);

  double maxdiff = 0;
  for (int32_t i = 0; i < info->num_outputs; ++i) {
    if (info->outputs[i].dtype != 1) {
      if (memcmp(out_a[i], out_b[i], elements(&info->outputs[i]) * dtype_size(info->outputs[i].dtype)))
        maxdiff = INFINITY;
      continue;
    }
    const float *a = out_a[i], *b = out_b[i];
    for (size_t j = 0, e = elements(&info->outputs[i]); j < e; ++j) {
      double d = fabs((double)a[j] - (double)b[j]);
      if (!(d <= maxdiff))
        maxdiff = d; /* NaN in one but not the other counts as a difference */
    }
  }
  double fig[2][3];
  for (int v = 0; v < 2; ++v) {
    qsort(samples[v], n, sizeof(double), cmp_double);
    fig[v][0] = samples[v][0] * 1e3;
    fig[v][1] = samples[v][n / 10] * 1e3;
    fig[v][2] = samples[v][n / 2] * 1e3;
  }
  printf("T=%d n=%zu  A min %.3f p10 %.3f med %.3f ms | B min %.3f p10 %.3f med %.3f ms | "
         "B/A min %.3f p10 %.3f med %.3f | max |A-B| %.3g\n",
         threads, n, fig[0][0], fig[0][1], fig[0][2], fig[1][0], fig[1][1], fig[1][2],
         fig[1][0] / fig[0][0], fig[1][1] / fig[0][1], fig[1][2] / fig[0][2], maxdiff);
  return 0;
}
