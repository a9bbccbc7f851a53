/* cuda.c: the CUDA loader behind models compiled with --target=cuda.
 *
 * The CUDA driver is opened with dlopen at the first run, never linked, so an
 * application that contains GPU models links and starts on machines without a
 * GPU; its NAME_run then returns KILN_ERROR_DEVICE_UNAVAILABLE and
 * kiln_last_error_message() says why.
 *
 * Generated host code calls MLIR's GPU runtime ABI (the mgpu* functions that
 * gpu-to-llvm emits: module load, kernel launch, memcpy, alloc). They return
 * nothing, so errors are sticky per thread: the first failure of a run is kept,
 * every later call of the run does nothing, and NAME_run reports the failure
 * from kiln_gpu_end. Everything runs in order on the legacy default stream of
 * device 0's primary context; kiln_gpu_end waits for it.
 *
 * Kernel images (PTX) are registered by constructors at program start; they
 * are compiled by the driver's JIT and loaded at their first launch.
 */
#define _GNU_SOURCE
#include "kiln/runtime.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The few driver API types and entry points used (cuda.h is not needed). */
typedef int CUresult;
typedef int CUdevice;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef unsigned long long CUdeviceptr;
enum { CUDA_SUCCESS = 0, CUDA_ERROR_OUT_OF_MEMORY = 2 };

static struct {
  CUresult (*Init)(unsigned);
  CUresult (*DeviceGet)(CUdevice *, int);
  CUresult (*DevicePrimaryCtxRetain)(CUcontext *, CUdevice);
  CUresult (*CtxSetCurrent)(CUcontext);
  CUresult (*ModuleLoadData)(CUmodule *, const void *);
  CUresult (*ModuleGetFunction)(CUfunction *, CUmodule, const char *);
  CUresult (*LaunchKernel)(CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned,
                           unsigned, unsigned, CUstream, void **, void **);
  CUresult (*MemAlloc)(CUdeviceptr *, size_t);
  CUresult (*MemFree)(CUdeviceptr);
  CUresult (*Memcpy)(CUdeviceptr, CUdeviceptr, size_t);
  CUresult (*MemsetD32)(CUdeviceptr, unsigned, size_t);
  CUresult (*MemsetD16)(CUdeviceptr, unsigned short, size_t);
  CUresult (*CtxSynchronize)(void);
  CUresult (*GetErrorString)(CUresult, const char **);
} cu;

static pthread_once_t driver_once = PTHREAD_ONCE_INIT;
static CUcontext device_context;
static char driver_error[256]; /* empty when the driver and a device are usable */

/* The state of the run on this thread. */
static _Thread_local kiln_status run_status;
static _Thread_local char run_message[512];

const char *kiln_last_error_message(void) { return run_message; }

static void fail(kiln_status status, const char *format, ...) {
  if (run_status != KILN_OK)
    return; /* the first error is the one to report */
  run_status = status;
  va_list args;
  va_start(args, format);
  vsnprintf(run_message, sizeof run_message, format, args);
  va_end(args);
}

static const char *cuda_error(CUresult r) {
  const char *s = NULL;
  if (cu.GetErrorString && cu.GetErrorString(r, &s) == CUDA_SUCCESS && s)
    return s;
  return "unknown CUDA error";
}

/* Records a failed driver call; true when `r` is success. */
static int check(CUresult r, const char *what) {
  if (r == CUDA_SUCCESS)
    return 1;
  fail(r == CUDA_ERROR_OUT_OF_MEMORY ? KILN_ERROR_OUT_OF_MEMORY : KILN_ERROR_INTERNAL,
       "CUDA: %s failed: %s (%d)", what, cuda_error(r), r);
  return 0;
}

static void load_driver(void) {
  /* KILN_CUDA_DRIVER names another driver library (tests use it to check the
   * path without a GPU on machines that have one). */
  const char *name = getenv("KILN_CUDA_DRIVER");
  if (!name || !*name)
    name = "libcuda.so.1";
  void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    snprintf(driver_error, sizeof driver_error,
             "no CUDA driver: cannot load %s (%s); this model was compiled for "
             "--target=cuda and needs an NVIDIA GPU and its driver",
             name, dlerror());
    return;
  }
  struct {
    void **slot;
    const char *symbol;
  } entries[] = {
      {(void **)&cu.Init, "cuInit"},
      {(void **)&cu.DeviceGet, "cuDeviceGet"},
      {(void **)&cu.DevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain"},
      {(void **)&cu.CtxSetCurrent, "cuCtxSetCurrent"},
      {(void **)&cu.ModuleLoadData, "cuModuleLoadData"},
      {(void **)&cu.ModuleGetFunction, "cuModuleGetFunction"},
      {(void **)&cu.LaunchKernel, "cuLaunchKernel"},
      {(void **)&cu.MemAlloc, "cuMemAlloc_v2"},
      {(void **)&cu.MemFree, "cuMemFree_v2"},
      {(void **)&cu.Memcpy, "cuMemcpy"},
      {(void **)&cu.MemsetD32, "cuMemsetD32_v2"},
      {(void **)&cu.MemsetD16, "cuMemsetD16_v2"},
      {(void **)&cu.CtxSynchronize, "cuCtxSynchronize"},
      {(void **)&cu.GetErrorString, "cuGetErrorString"},
  };
  for (size_t i = 0; i < sizeof entries / sizeof entries[0]; ++i) {
    *entries[i].slot = dlsym(lib, entries[i].symbol);
    if (!*entries[i].slot) {
      snprintf(driver_error, sizeof driver_error,
               "the CUDA driver %s has no %s (driver too old?)", name, entries[i].symbol);
      return;
    }
  }
  CUresult r;
  CUdevice device;
  if ((r = cu.Init(0)) != CUDA_SUCCESS ||
      (r = cu.DeviceGet(&device, 0)) != CUDA_SUCCESS ||
      (r = cu.DevicePrimaryCtxRetain(&device_context, device)) != CUDA_SUCCESS) {
    snprintf(driver_error, sizeof driver_error, "no usable CUDA device: %s (%d)",
             cuda_error(r), r);
    return;
  }
}

/* ---- Kernel images ------------------------------------------------------ */

typedef struct kiln_gpu_module {
  const void *image;
  pthread_mutex_t mutex;
  CUmodule module; /* loaded at the first launch */
} kiln_gpu_module;

/* Called by the object's constructor: only remembers the image, so programs
 * start without touching the driver. */
void *mgpuModuleLoad(void *data, size_t size) {
  (void)size;
  kiln_gpu_module *m = calloc(1, sizeof *m);
  if (m) {
    m->image = data;
    pthread_mutex_init(&m->mutex, NULL);
  }
  return m;
}

void *mgpuModuleLoadJIT(void *data, int optLevel) {
  (void)optLevel;
  return mgpuModuleLoad(data, 0);
}

/* Called by the object's destructor at exit: the driver may already be shutting
 * down then, and unloading frees nothing the process exit would not. */
void mgpuModuleUnload(void *module) { (void)module; }

void *mgpuModuleGetFunction(void *module, const char *name) {
  kiln_gpu_module *m = module;
  if (run_status != KILN_OK)
    return NULL;
  if (!m) {
    fail(KILN_ERROR_OUT_OF_MEMORY, "no memory to register the model's kernels");
    return NULL;
  }
  pthread_mutex_lock(&m->mutex);
  if (!m->module)
    check(cu.ModuleLoadData(&m->module, m->image), "loading the model's kernels");
  pthread_mutex_unlock(&m->mutex);
  CUfunction f = NULL;
  if (m->module && !check(cu.ModuleGetFunction(&f, m->module, name), name))
    f = NULL;
  return f;
}

/* ---- Streams and events: everything runs in order on the default stream. -- */

void *mgpuStreamCreate(void) { return NULL; }
void mgpuStreamDestroy(void *stream) { (void)stream; }
void mgpuStreamSynchronize(void *stream) {
  (void)stream;
  if (run_status == KILN_OK)
    check(cu.CtxSynchronize(), "synchronizing");
}
void mgpuStreamWaitEvent(void *stream, void *event) { (void)stream, (void)event; }
void *mgpuEventCreate(void) { return NULL; }
void mgpuEventDestroy(void *event) { (void)event; }
void mgpuEventSynchronize(void *event) { mgpuStreamSynchronize(event); }
void mgpuEventRecord(void *event, void *stream) { (void)event, (void)stream; }
void mgpuSetDefaultDevice(int32_t device) { (void)device; }

/* ---- Memory and launches ------------------------------------------------- */

void *mgpuMemAlloc(uint64_t bytes, void *stream, bool isHostShared) {
  (void)stream, (void)isHostShared;
  CUdeviceptr p = 0;
  if (run_status != KILN_OK || bytes == 0)
    return NULL;
  if (!check(cu.MemAlloc(&p, bytes), "allocating device memory"))
    return NULL;
  return (void *)(uintptr_t)p;
}

void mgpuMemFree(void *ptr, void *stream) {
  (void)stream;
  if (ptr && cu.MemFree)
    cu.MemFree((CUdeviceptr)(uintptr_t)ptr);
}

/* Unified addressing: the driver tells host from device pointers. */
void mgpuMemcpy(void *dst, void *src, size_t bytes, void *stream) {
  (void)stream;
  if (run_status == KILN_OK && bytes)
    check(cu.Memcpy((CUdeviceptr)(uintptr_t)dst, (CUdeviceptr)(uintptr_t)src, bytes),
          "copying memory");
}

void mgpuMemset32(void *dst, unsigned value, size_t count, void *stream) {
  (void)stream;
  if (run_status == KILN_OK && count)
    check(cu.MemsetD32((CUdeviceptr)(uintptr_t)dst, value, count), "setting memory");
}

void mgpuMemset16(void *dst, unsigned short value, size_t count, void *stream) {
  (void)stream;
  if (run_status == KILN_OK && count)
    check(cu.MemsetD16((CUdeviceptr)(uintptr_t)dst, value, count), "setting memory");
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY, intptr_t gridZ,
                      intptr_t blockX, intptr_t blockY, intptr_t blockZ, int32_t smem,
                      void *stream, void **params, void **extra, size_t paramsCount) {
  (void)stream, (void)paramsCount;
  if (run_status != KILN_OK || !function)
    return;
  check(cu.LaunchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ, smem, NULL,
                        params, extra),
        "launching a kernel");
}

/* ---- One NAME_run ---------------------------------------------------------- */

/* The device arenas contexts keep between runs, one per (context, model). */
struct arena {
  struct arena *next;
  kiln_context *ctx;
  const void *model;
  CUdeviceptr memory;
  uint64_t bytes;
  int weights_uploaded;
};
static struct arena *arenas;
static pthread_mutex_t arenas_mutex = PTHREAD_MUTEX_INITIALIZER;

static struct arena *find_arena(kiln_context *ctx, const void *model) {
  for (struct arena *a = arenas; a; a = a->next)
    if (a->ctx == ctx && a->model == model)
      return a;
  return NULL;
}

kiln_status kiln_gpu_begin(kiln_context *ctx, const void *model, uint64_t bytes,
                           void **arena, int32_t *upload_weights) {
  run_status = KILN_OK;
  run_message[0] = 0;
  *arena = NULL;
  *upload_weights = 1;
  pthread_once(&driver_once, load_driver);
  if (driver_error[0]) {
    fail(KILN_ERROR_DEVICE_UNAVAILABLE, "%s", driver_error);
    return run_status;
  }
  if (!check(cu.CtxSetCurrent(device_context), "making the device current"))
    return run_status;
  if (!ctx) {
    *arena = mgpuMemAlloc(bytes, NULL, false);
    return run_status;
  }
  pthread_mutex_lock(&arenas_mutex);
  struct arena *a = find_arena(ctx, model);
  if (!a && (a = calloc(1, sizeof *a))) {
    a->ctx = ctx;
    a->model = model;
    a->next = arenas;
    arenas = a;
  }
  pthread_mutex_unlock(&arenas_mutex);
  if (!a) {
    fail(KILN_ERROR_OUT_OF_MEMORY, "no memory for the context's GPU state");
    return run_status;
  }
  if (a->bytes < bytes) {
    if (a->memory)
      cu.MemFree(a->memory);
    a->memory = (CUdeviceptr)(uintptr_t)mgpuMemAlloc(bytes, NULL, false);
    a->bytes = a->memory ? bytes : 0;
    a->weights_uploaded = 0;
  }
  *arena = (void *)(uintptr_t)a->memory;
  *upload_weights = !a->weights_uploaded;
  return run_status;
}

kiln_status kiln_gpu_end(kiln_context *ctx, const void *model, void *arena) {
  /* Kernels run asynchronously: their faults surface here. */
  mgpuStreamSynchronize(NULL);
  if (!ctx) {
    mgpuMemFree(arena, NULL);
    return run_status;
  }
  pthread_mutex_lock(&arenas_mutex);
  struct arena *a = find_arena(ctx, model);
  if (a && run_status == KILN_OK)
    a->weights_uploaded = 1;
  pthread_mutex_unlock(&arenas_mutex);
  return run_status;
}

/* From kiln_context_destroy: frees the context's device arenas. */
void kiln_gpu_release_context(kiln_context *ctx) {
  pthread_mutex_lock(&arenas_mutex);
  if (arenas && device_context)
    cu.CtxSetCurrent(device_context);
  for (struct arena **p = &arenas; *p;) {
    struct arena *a = *p;
    if (a->ctx != ctx) {
      p = &a->next;
      continue;
    }
    *p = a->next;
    if (a->memory && cu.MemFree)
      cu.MemFree(a->memory);
    free(a);
  }
  pthread_mutex_unlock(&arenas_mutex);
}
