/* OpenBLAS SGEMM reference for the GEMM rows of Kiln's benchmark.
 *
 * cc -O2 blas_bench.c -I/usr/include/x86_64-linux-gnu/openblas-pthread -lopenblas
 * Usage: blas_bench M K N --threads T --warmup SEC --time SEC [--outdir DIR]
 *
 * Times C[M,N] = A[M,K] * B[K,N] (row-major, cblas_sgemm, alpha 1, beta 0) the way
 * harness.c times a model: warm-up (at least 3 calls), then single calls with
 * clock_gettime until `--time` seconds have passed (at least 5); writes every call's
 * latency (float64 seconds) to DIR/samples.bin and prints one line of JSON (min,
 * median, OpenBLAS' core name and configuration).
 */
#define _GNU_SOURCE
#include <cblas.h>

#include "bench_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s M K N --threads T --warmup SEC --time SEC\n", argv[0]);
    return 1;
  }
  int m = atoi(argv[1]), k = atoi(argv[2]), n = atoi(argv[3]), threads = 1;
  double warmup = 0.5, mintime = 2.0;
  const char *outdir = NULL;
  for (int i = 4; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--threads")) threads = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--warmup")) warmup = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--time")) mintime = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--outdir")) outdir = argv[i + 1];
  }
  openblas_set_num_threads(threads);
  float *a = aligned_alloc(64, sizeof(float) * (size_t)m * k + 64);
  float *b = aligned_alloc(64, sizeof(float) * (size_t)k * n + 64);
  float *c = aligned_alloc(64, sizeof(float) * (size_t)m * n + 64);
  srand(1);
  for (size_t i = 0; i < (size_t)m * k; ++i) a[i] = (float)rand() / RAND_MAX - 0.5f;
  for (size_t i = 0; i < (size_t)k * n; ++i) b[i] = (float)rand() / RAND_MAX - 0.5f;
#define SGEMM() \
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a, k, b, n, 0.0f, c, n)
  double t0 = now();
  for (int i = 0; i < 3 || now() - t0 < warmup; ++i) SGEMM();
  size_t cap = 1 << 16, cnt = 0;
  double *s = malloc(cap * sizeof *s);
  double start = now(), end = start;
  while (cnt < 5 || end - start < mintime) {
    double t = now();
    SGEMM();
    end = now();
    if (cnt == cap) s = realloc(s, (cap *= 2) * sizeof *s);
    s[cnt++] = end - t;
  }
  if (outdir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/samples.bin", outdir);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(s, sizeof *s, cnt, f) != cnt) { perror(path); return 1; }
    fclose(f);
  }
  qsort(s, cnt, sizeof *s, cmp_double);
  double median = cnt % 2 ? s[cnt / 2] : 0.5 * (s[cnt / 2 - 1] + s[cnt / 2]);
  char *config = openblas_get_config();
  for (char *p = config; *p; ++p)
    if (*p == '"' || *p == '\\') *p = ' ';
  printf("{\"engine\": \"openblas\", \"m\": %d, \"k\": %d, \"n\": %d, \"threads\": %d, "
         "\"runs\": %zu, \"min_s\": %.9g, \"median_s\": %.9g, \"corename\": \"%s\", "
         "\"config\": \"%s\", \"checksum\": %g}\n",
         m, k, n, openblas_get_num_threads(), cnt, s[0], median, openblas_get_corename(),
         config, (double)c[0] + c[(size_t)m * n - 1]);
  return 0;
}
