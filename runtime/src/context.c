/* context.c: the context and its thread pool.
 *
 * A loop bumps the generation counter; each worker runs its chunk
 * [n*i/T, n*(i+1)/T) and the caller runs chunk 0, so the split depends only on
 * n and T. Between loops workers first spin for a short while (a model runs
 * its parallel loops a few microseconds apart, and waking a sleeping thread
 * costs more than a small loop's work), then sleep on a condition variable;
 * the caller waits for the workers the same way.
 */
#define _POSIX_C_SOURCE 200809L
#include "kiln/runtime.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* How long a thread spins waiting for the next loop or for the workers before
 * it sleeps. */
#define KILN_SPIN_NANOSECONDS 200000

struct kiln_context {
  int num_threads;
  pthread_t *workers;
  pthread_mutex_t mutex;
  pthread_cond_t wake, done;
  _Atomic uint64_t generation;
  _Atomic int pending; /* workers still running the current loop */
  _Atomic int stopping;
  /* The current loop. */
  int64_t n;
  kiln_parallel_fn fn;
  void *arg;
  /* The workspace arena, kept between runs. */
  void *workspace;
  uint64_t workspace_bytes;
};

/* cuda.c: frees the device arenas a context kept. */
void kiln_gpu_release_context(kiln_context *ctx);

struct worker_start {
  kiln_context *ctx;
  int index;
};

static void run_chunk(kiln_context *ctx, int index) {
  int64_t t = ctx->num_threads;
  int64_t begin = ctx->n * index / t, end = ctx->n * (index + 1) / t;
  if (begin < end)
    ctx->fn(ctx->arg, begin, end);
}

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* Spins until done(ctx, arg) or KILN_SPIN_NANOSECONDS have passed; returns
 * done's last answer. */
static int spin_until(int (*done)(kiln_context *, uint64_t), kiln_context *ctx,
                      uint64_t arg) {
  uint64_t start = now_ns();
  for (unsigned i = 1;; ++i) {
    if (done(ctx, arg))
      return 1;
    if (i % 64 == 0 && now_ns() - start > KILN_SPIN_NANOSECONDS)
      return 0;
  }
}

static int new_loop(kiln_context *ctx, uint64_t seen) {
  return atomic_load(&ctx->stopping) || atomic_load(&ctx->generation) != seen;
}

static int workers_done(kiln_context *ctx, uint64_t unused) {
  (void)unused;
  return atomic_load(&ctx->pending) == 0;
}

static void *worker_main(void *p) {
  struct worker_start start = *(struct worker_start *)p;
  free(p);
  kiln_context *ctx = start.ctx;
  uint64_t seen = 0;
  for (;;) {
    if (!spin_until(new_loop, ctx, seen)) {
      pthread_mutex_lock(&ctx->mutex);
      while (!new_loop(ctx, seen))
        pthread_cond_wait(&ctx->wake, &ctx->mutex);
      pthread_mutex_unlock(&ctx->mutex);
    }
    if (atomic_load(&ctx->stopping))
      break;
    seen = atomic_load(&ctx->generation);
    run_chunk(ctx, start.index);
    if (atomic_fetch_sub(&ctx->pending, 1) == 1) {
      /* Under the mutex: the caller may be between its check and its wait. */
      pthread_mutex_lock(&ctx->mutex);
      pthread_cond_signal(&ctx->done);
      pthread_mutex_unlock(&ctx->mutex);
    }
  }
  return NULL;
}

kiln_context *kiln_context_create(int num_threads) {
  if (num_threads <= 0) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    num_threads = cores > 0 ? (int)cores : 1;
  }
  kiln_context *ctx = calloc(1, sizeof *ctx);
  if (!ctx)
    return NULL;
  ctx->num_threads = num_threads;
  pthread_mutex_init(&ctx->mutex, NULL);
  pthread_cond_init(&ctx->wake, NULL);
  pthread_cond_init(&ctx->done, NULL);
  if (num_threads > 1) {
    ctx->workers = calloc((size_t)num_threads - 1, sizeof *ctx->workers);
    if (!ctx->workers) {
      kiln_context_destroy(ctx);
      return NULL;
    }
  }
  for (int i = 1; i < num_threads; ++i) {
    struct worker_start *start = malloc(sizeof *start);
    if (start) {
      start->ctx = ctx;
      start->index = i;
    }
    if (!start || pthread_create(&ctx->workers[i - 1], NULL, worker_main, start) != 0) {
      free(start);
      /* Run with the threads that did start. */
      ctx->num_threads = i;
      break;
    }
  }
  return ctx;
}

void kiln_context_destroy(kiln_context *ctx) {
  if (!ctx)
    return;
  kiln_gpu_release_context(ctx);
  pthread_mutex_lock(&ctx->mutex);
  atomic_store(&ctx->stopping, 1);
  pthread_cond_broadcast(&ctx->wake);
  pthread_mutex_unlock(&ctx->mutex);
  for (int i = 1; i < ctx->num_threads; ++i)
    pthread_join(ctx->workers[i - 1], NULL);
  free(ctx->workers);
  free(ctx->workspace);
  pthread_cond_destroy(&ctx->wake);
  pthread_cond_destroy(&ctx->done);
  pthread_mutex_destroy(&ctx->mutex);
  free(ctx);
}

int kiln_context_num_threads(const kiln_context *ctx) {
  return ctx ? ctx->num_threads : 1;
}

void kiln_parallel_for(kiln_context *ctx, int64_t n, kiln_parallel_fn fn, void *arg) {
  if (n <= 0)
    return;
  /* No context (the default one runs on the calling thread) or one thread. */
  if (!ctx || ctx->num_threads == 1) {
    fn(arg, 0, n);
    return;
  }
  /* The loop's fields, then the generation (sequentially consistent atomics
   * order them for the workers that spin); under the mutex for those that
   * sleep. */
  pthread_mutex_lock(&ctx->mutex);
  ctx->n = n;
  ctx->fn = fn;
  ctx->arg = arg;
  atomic_store(&ctx->pending, ctx->num_threads - 1);
  atomic_fetch_add(&ctx->generation, 1);
  pthread_cond_broadcast(&ctx->wake);
  pthread_mutex_unlock(&ctx->mutex);
  run_chunk(ctx, 0);
  if (!spin_until(workers_done, ctx, 0)) {
    pthread_mutex_lock(&ctx->mutex);
    while (atomic_load(&ctx->pending) > 0)
      pthread_cond_wait(&ctx->done, &ctx->mutex);
    pthread_mutex_unlock(&ctx->mutex);
  }
}

static void *alloc_arena(uint64_t bytes) {
  /* aligned_alloc wants a multiple of the alignment; the plan rounds up, but
   * a caller may not. */
  uint64_t size = (bytes + 63) / 64 * 64;
  if (size < bytes || size > (uint64_t)SIZE_MAX)
    return NULL;
  return aligned_alloc(64, (size_t)size);
}

void *kiln_workspace_acquire(kiln_context *ctx, uint64_t bytes) {
  if (!ctx)
    return alloc_arena(bytes);
  if (ctx->workspace_bytes < bytes) {
    free(ctx->workspace);
    ctx->workspace = alloc_arena(bytes);
    ctx->workspace_bytes = ctx->workspace ? bytes : 0;
  }
  return ctx->workspace;
}

void kiln_workspace_release(kiln_context *ctx, void *workspace) {
  if (!ctx)
    free(workspace);
}
