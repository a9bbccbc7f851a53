/* Helpers shared by the benchmark's C programs (harness.c, ab.c, blas_bench.c),
 * each built on its own from this folder. Header-only: static functions. */
#ifndef KILN_BENCH_COMMON_H
#define KILN_BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Token pasting and quoting of macro arguments (model names). */
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define STR2(a) #a
#define STR(a) STR2(a)

/* Seconds on CLOCK_MONOTONIC. */
static inline double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* qsort comparison of doubles, ascending. */
static inline int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Bytes per element of an ONNX TensorProto.DataType; 0 if not a fixed-size
 * number type. */
static inline size_t dtype_size(int32_t dtype) {
  switch (dtype) {
  case 1: case 6: case 12: return 4;          /* float, int32, uint32 */
  case 2: case 3: case 9: return 1;           /* uint8, int8, bool */
  case 4: case 5: case 10: case 16: return 2; /* uint16, int16, float16, bfloat16 */
  case 7: case 11: case 13: return 8;         /* int64, double, uint64 */
  default: return 0;
  }
}

/* `bytes` zeroed bytes, 64-byte aligned; NULL if out of memory. */
static inline void *alloc64(size_t bytes) {
  void *p = NULL;
  if (posix_memalign(&p, 64, bytes ? bytes : 64))
    return NULL;
  memset(p, 0, bytes);
  return p;
}

#endif
