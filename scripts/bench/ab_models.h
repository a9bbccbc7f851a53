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

#endif
