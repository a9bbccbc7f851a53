/* kiln/runtime.h: the Kiln runtime and the types of the generated C interface.
 *
 * A model compiled by `kilnc --name NAME` defines, in its object file:
 *
 *   const kiln_model_info *NAME_info(void);
 *   kiln_status NAME_run(kiln_context *ctx, const void *const *inputs,
 *                        void *const *outputs);
 *
 * inputs[i] / outputs[i] are dense row-major buffers of the dtype and shape that
 * NAME_info() (and the comments in NAME.h) give. ctx may be NULL: the model then
 * runs on the calling thread with a lazily created default context.
 *
 * Link with the flags `kilnc --print-runtime-flags` prints.
 */
#ifndef KILN_RUNTIME_H
#define KILN_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kiln_status {
  KILN_OK = 0,
  KILN_ERROR_INVALID_ARGUMENT,
  KILN_ERROR_OUT_OF_MEMORY,
  KILN_ERROR_DEVICE_UNAVAILABLE,
  KILN_ERROR_INTERNAL
} kiln_status;

typedef struct kiln_tensor_info {
  const char *name; /* ONNX value name */
  int32_t dtype; /* ONNX TensorProto.DataType code: 1 = float, 3 = int8, 7 = int64 ... */
  int32_t rank;
  const int64_t *shape; /* static shape */
} kiln_tensor_info;

typedef struct kiln_model_info {
  const char *name;
  int32_t num_inputs, num_outputs;
  const kiln_tensor_info *inputs, *outputs;
  uint64_t workspace_bytes; /* activation arena planned at compile time */
} kiln_model_info;

typedef struct kiln_context kiln_context;

/* A context owns a pool of num_threads threads (the caller included);
 * 0 = one thread per online core. Returns NULL when out of memory. */
kiln_context *kiln_context_create(int num_threads);
void kiln_context_destroy(kiln_context *ctx);
/* Threads a context runs parallel loops on (>= 1). */
int kiln_context_num_threads(const kiln_context *ctx);

/* A static, human-readable description of `s`. */
const char *kiln_status_string(kiln_status s);

/* Runs fn(arg, begin, end) over [0, n) and returns when all is done: [0, n) is
 * cut into one contiguous range per thread and each range into up to 4
 * contiguous pieces; each thread runs its own range's pieces, then any piece
 * another thread has not started. The cuts depend only on n and the thread
 * count (which thread runs a piece does not). ctx may be NULL (the default
 * context). Used by generated code. */
typedef void (*kiln_parallel_fn)(void *arg, int64_t begin, int64_t end);
void kiln_parallel_for(kiln_context *ctx, int64_t n, kiln_parallel_fn fn, void *arg);

/* The activation arena of one NAME_run: `bytes` bytes (the model's
 * workspace_bytes), 64-byte aligned, or NULL when out of memory. A context
 * keeps its arena, grown as needed, for the next run, so runs on one context
 * must not overlap (they share its threads already); with ctx NULL the arena
 * is allocated for this run only. Used by generated code. */
void *kiln_workspace_acquire(kiln_context *ctx, uint64_t bytes);
void kiln_workspace_release(kiln_context *ctx, void *workspace);

/* Why the last NAME_run on this thread failed, for errors the status alone does
 * not explain (no CUDA driver or device, a failed kernel launch); "" if none.
 * Valid until the next NAME_run on the thread. */
const char *kiln_last_error_message(void);

/* Models compiled with --target=cuda. kiln_gpu_begin loads the CUDA driver
 * (dlopen("libcuda.so.1") at the first call; KILN_CUDA_DRIVER names another
 * library) and gives the run its device arena of `bytes` bytes: a context keeps
 * one per model between runs, so `*upload_weights` is non-zero only when the
 * weights must be copied to the device. Without a driver or device it returns
 * KILN_ERROR_DEVICE_UNAVAILABLE. kiln_gpu_end waits for the run's kernels and
 * returns the first error of the run. Used by generated code. */
kiln_status kiln_gpu_begin(kiln_context *ctx, const void *model, uint64_t bytes,
                           void **arena, int32_t *upload_weights);
kiln_status kiln_gpu_end(kiln_context *ctx, const void *model, void *arena);
#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_RUNTIME_H */
