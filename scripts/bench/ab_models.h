/* The two compilations of one model that ab.c and runtime_ab.c compare,
 * named by -DKILN_A=... -DKILN_B=... (their kilnc --name). */
#ifndef KILN_BENCH_AB_MODELS_H
#define KILN_BENCH_AB_MODELS_H

#include <kiln/runtime.h>

#include "bench_common.h"

#if !defined(KILN_A) || !defined(KILN_B)
#error "define KILN_A and KILN_B to the two compilations' --name"
#endif

const kiln_model_info *CAT(KILN_A, _info)(void);
kiln_status CAT(KILN_A, _run)(kiln_context *, const void *const *, void *const *);
const kiln_model_info *CAT(KILN_B, _info)(void);
kiln_status CAT(KILN_B, _run)(kiln_context *, const void *const *, void *const *);

/* Elements of a tensor of the model's signature. */
static inline size_t elements(const kiln_tensor_info *t) {
  size_t n = 1;
  for (int32_t d = 0; d < t->rank; ++d)
    n *= (size_t)t->shape[d];
  return n;
}

/* `t`'s bytes, 64-byte aligned: float inputs get values in [-1, 1) from a
 * fixed linear congruential sequence, other tensors stay zero (indices,
 * masks, outputs). NULL if out of memory. */
static inline void *alloc_tensor(const kiln_tensor_info *t, int filled) {
  void *data = alloc64(elements(t) * dtype_size(t->dtype));
  if (!data || !filled || t->dtype != 1)
    return data;
  uint32_t state = 12345;
  float *f = data;
  for (size_t i = 0, n = elements(t); i < n; ++i) {
    state = state * 1664525u + 1013904223u;
    f[i] = (float)(state >> 8) / (float)(1u << 23) - 1.0f;
  }
  return data;
}

#endif
