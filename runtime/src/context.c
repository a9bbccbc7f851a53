/* context.c: the context and its thread pool.
 *
 * A loop [0, n) is cut into one contiguous range per thread, [n*t/T,
 * n*(t+1)/T), and each range into up to KILN_PIECES_PER_THREAD contiguous
 * pieces; the cuts depend only on n and T. Thread t (the caller is thread 0)
 * runs the pieces of its own range in order, so that a loop's data stays on
 * the core that the previous loops' same ranges put it on; then it takes the
 * pieces that other threads have not started. A worker that the OS or the
 * hypervisor has not scheduled (or one still asleep) thus delays a loop by at
 * most the piece it is running, not by its whole range: with one fixed chunk
 * per thread, the caller of a 2-thread context waited for a preempted
 * worker, and ResNet-18's median on a busy machine was twice its minimum
 * where ONNX Runtime's (which shares work dynamically) was not.
 *
 * Each range has a claim word (the loop's generation, the next piece and
 * the number of pieces) and a done word (generation and pieces done); a
 * piece is claimed by a compare-and-swap that also checks the generation, so
 * a worker that wakes late cannot claim a piece of a loop that has moved on.
 * The caller returns when every range's done word shows all its pieces.
 *
 * Between loops workers first spin for a short while (a model runs its
 * parallel loops a few microseconds apart, and waking a sleeping thread costs
 * more than a small loop's work), then sleep on a condition variable; the
 * caller waits for the last pieces the same way.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "kiln/runtime.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* How long a thread spins waiting for the next loop or for the last pieces
 * before it sleeps. */
#define KILN_SPIN_NANOSECONDS 200000

/* Pieces per thread's range: more let the others take over more of a late
 * thread's range, at one atomic operation and one call each. */
#define KILN_PIECES_PER_THREAD 4

/* Threads touch these words at every loop: one cache line each, so that
 * claiming a piece of one range does not slow the owner of another. */
struct range_claim {
  alignas(64) _Atomic uint64_t word; /* see claim */
  /* Pieces of the range done in the loop of its generation, added by each
   * thread once it has no more to claim there (one atomic operation per
   * thread and range, not per piece, on a line the others rarely touch). */
  alignas(64) _Atomic uint64_t done; /* generation << 32 | pieces done */
};

struct kiln_context {
  /* Written by the caller at each loop, read by the workers. */
  alignas(64) _Atomic uint64_t generation;
  int64_t n;
  kiln_parallel_fn fn;
  void *arg;
  int num_threads;
  _Atomic int64_t pieces; /* per range, in the current loop */
  alignas(64) _Atomic int sleeping_workers;
  _Atomic int caller_sleeping;
  _Atomic int stopping;
  struct range_claim *claims; /* one per thread */
  pthread_t *workers;
  pthread_mutex_t mutex;
  pthread_cond_t wake, done;
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

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
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
    cpu_relax();
    if (i % 64 == 0 && now_ns() - start > KILN_SPIN_NANOSECONDS)
      return 0;
  }
}

static int new_loop(kiln_context *ctx, uint64_t seen) {
  return atomic_load(&ctx->generation) != seen;
}

/* Per-range words carry the generation of the loop they count for, so the
 * caller never resets them: writing them at each loop would pull every
 * worker's lines to the caller and back (the MLP at 2 threads was 5-8%
 * slower so). The first thread to claim in a range for a new loop starts it;
 * the first to count a range done for a new loop does the same. */
static uint64_t tagged(uint32_t generation, uint64_t low) {
  return (uint64_t)generation << 32 | low;
}

/* Whether `tag` is a loop before `generation` (32-bit wrap-around). */
static int before(uint32_t tag, uint32_t generation) {
  return (int32_t)(tag - generation) < 0;
}

/* Claims the next piece of `range` in loop `generation`; -1 when none is
 * left or the loop is over. A claim word holds the generation, the next
 * piece and the number of pieces (set by whoever claims first in the loop,
 * from ctx->pieces: the loop cannot be over then, so that is its value). */
static int64_t claim(kiln_context *ctx, int range, uint32_t generation, int64_t *pieces) {
  _Atomic uint64_t *word = &ctx->claims[range].word;
  uint64_t w = atomic_load(word);
  for (;;) {
    uint32_t tag = (uint32_t)(w >> 32);
    if (before(tag, generation)) {
      *pieces = atomic_load_explicit(&ctx->pieces, memory_order_relaxed);
      if (atomic_compare_exchange_weak(word, &w,
                                       tagged(generation, 1u << 16 | (uint64_t)*pieces)))
        return 0;
      continue;
    }
    int64_t next = (int64_t)((w >> 16) & 0xffff);
    *pieces = (int64_t)(w & 0xffff);
    if (tag != generation || next >= *pieces)
      return -1;
    if (atomic_compare_exchange_weak(word, &w, w + (1u << 16)))
      return next;
  }
}

/* Adds `ran` pieces of `range` done in loop `generation`; returns the count. */
static int64_t count_done(kiln_context *ctx, int range, uint32_t generation,
                          int64_t ran) {
  _Atomic uint64_t *word = &ctx->claims[range].done;
  uint64_t w = atomic_load(word);
  for (;;) {
    uint64_t count =
        (uint32_t)(w >> 32) == generation ? (uint32_t)w + (uint64_t)ran : (uint64_t)ran;
    if (atomic_compare_exchange_weak(word, &w, tagged(generation, count)))
      return (int64_t)count;
  }
}

/* Runs piece `piece` of `pieces` of `range`. The loop's fields are safe to
 * read: it cannot end before this piece. */
static void run_piece(kiln_context *ctx, int range, int64_t piece, int64_t pieces) {
  int64_t t = ctx->num_threads, n = ctx->n;
  int64_t begin = n * range / t, end = n * (range + 1) / t, m = end - begin;
  int64_t first = begin + m * piece / pieces, last = begin + m * (piece + 1) / pieces;
  if (first < last)
    ctx->fn(ctx->arg, first, last);
}

/* Whether every piece of the caller's current loop is done (caller only). */
static int all_done(kiln_context *ctx, uint64_t unused) {
  (void)unused;
  uint64_t want =
      tagged((uint32_t)atomic_load(&ctx->generation),
             (uint64_t)atomic_load_explicit(&ctx->pieces, memory_order_relaxed));
  for (int t = 0; t < ctx->num_threads; ++t)
    if (atomic_load(&ctx->claims[t].done) != want)
      return 0;
  return 1;
}

/* Thread `self`'s share of loop `generation`: its own range, then what the
 * others have left. */
static void work(kiln_context *ctx, int self, uint32_t generation) {
  for (int k = 0; k < ctx->num_threads; ++k) {
    int range = (self + k) % ctx->num_threads;
    int64_t piece, pieces, ran = 0;
    while ((piece = claim(ctx, range, generation, &pieces)) >= 0) {
      run_piece(ctx, range, piece, pieces);
      ++ran;
    }
    if (ran && count_done(ctx, range, generation, ran) == pieces &&
        atomic_load(&ctx->caller_sleeping)) {
      /* Under the mutex: the caller may be between its check and its wait. */
      pthread_mutex_lock(&ctx->mutex);
      pthread_cond_signal(&ctx->done);
      pthread_mutex_unlock(&ctx->mutex);
    }
  }
}

/* `bytes` at a 64-byte boundary (the context's cache-line-aligned words, the
 * workspace arena); aligned_alloc wants a multiple of the alignment, which a
 * caller's size may not be. */
static void *alloc_aligned(uint64_t bytes) {
  uint64_t size = (bytes + 63) / 64 * 64;
  if (size < bytes || size > (uint64_t)SIZE_MAX)
    return NULL;
  return aligned_alloc(64, (size_t)size);
}

/* A context's arena, which its runs reuse: from 2 MiB up, at a 2 MiB
 * boundary and advised for transparent huge pages (where the kernel has them
 * on madvise, as Debian's default is), so that a model's activations take
 * a few TLB entries rather than one per 4 KiB. SqueezeNet 1.1 (a 4.3 MiB
 * arena) ran 3% faster at 1 thread, ResNet-18 (10 MiB) 2%. A per-run arena
 * (no context) stays in small pages: each run would fault in and zero whole
 * huge pages. */
static void *alloc_arena(uint64_t bytes) {
#if defined(MADV_HUGEPAGE)
  const uint64_t huge = (uint64_t)2 << 20;
  uint64_t size = (bytes + huge - 1) / huge * huge;
  if (bytes >= huge && size >= bytes && size <= (uint64_t)SIZE_MAX) {
    void *p = aligned_alloc(huge, (size_t)size);
    if (p) {
      (void)madvise(p, (size_t)size, MADV_HUGEPAGE); /* advice only */
      return p;
    }
  }
#endif
  return alloc_aligned(bytes);
}

static void *worker_main(void *p) {
  struct worker_start start = *(struct worker_start *)p;
  free(p);
  kiln_context *ctx = start.ctx;
  uint64_t seen = 0;
  for (;;) {
    if (!spin_until(new_loop, ctx, seen)) {
      pthread_mutex_lock(&ctx->mutex);
      atomic_fetch_add(&ctx->sleeping_workers, 1);
      while (!new_loop(ctx, seen))
        pthread_cond_wait(&ctx->wake, &ctx->mutex);
      atomic_fetch_sub(&ctx->sleeping_workers, 1);
      pthread_mutex_unlock(&ctx->mutex);
    }
    seen = atomic_load(&ctx->generation);
    if (atomic_load(&ctx->stopping))
      break;
    work(ctx, start.index, (uint32_t)seen);
  }
  return NULL;
}

kiln_context *kiln_context_create(int num_threads) {
  if (num_threads <= 0) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    num_threads = cores > 0 ? (int)cores : 1;
  }
  kiln_context *ctx = alloc_aligned(sizeof *ctx);
  if (!ctx)
    return NULL;
  memset(ctx, 0, sizeof *ctx);
  ctx->num_threads = num_threads;
  pthread_mutex_init(&ctx->mutex, NULL);
  pthread_cond_init(&ctx->wake, NULL);
  pthread_cond_init(&ctx->done, NULL);
  if (num_threads > 1) {
    ctx->workers = calloc((size_t)num_threads - 1, sizeof *ctx->workers);
    ctx->claims = alloc_aligned((uint64_t)num_threads * sizeof *ctx->claims);
    if (!ctx->workers || !ctx->claims) {
      kiln_context_destroy(ctx);
      return NULL;
    }
    memset(ctx->claims, 0, (size_t)num_threads * sizeof *ctx->claims);
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
  /* Workers see `stopping` with the new generation, spinning or woken. */
  atomic_store(&ctx->stopping, 1);
  pthread_mutex_lock(&ctx->mutex);
  atomic_fetch_add(&ctx->generation, 1);
  pthread_cond_broadcast(&ctx->wake);
  pthread_mutex_unlock(&ctx->mutex);
  for (int i = 1; i < ctx->num_threads; ++i)
    pthread_join(ctx->workers[i - 1], NULL);
  free(ctx->workers);
  free(ctx->claims);
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
  /* The loop's fields, then the generation (sequentially consistent:
   * ordered before the load of sleeping_workers, which a worker going to
   * sleep increments before its last look at the generation). The ranges'
   * claim and done words are not reset here: they carry their generation. */
  int threads = ctx->num_threads;
  int64_t smallest = n / threads; /* the shortest range */
  uint32_t generation = (uint32_t)(atomic_load(&ctx->generation) + 1);
  ctx->n = n;
  ctx->fn = fn;
  ctx->arg = arg;
  int64_t pieces = smallest < KILN_PIECES_PER_THREAD ? (smallest > 0 ? smallest : 1)
                                                     : KILN_PIECES_PER_THREAD;
  atomic_store_explicit(&ctx->pieces, pieces, memory_order_relaxed);
  atomic_fetch_add(&ctx->generation, 1);
  if (atomic_load(&ctx->sleeping_workers) > 0) {
    pthread_mutex_lock(&ctx->mutex);
    pthread_cond_broadcast(&ctx->wake);
    pthread_mutex_unlock(&ctx->mutex);
  }
  work(ctx, 0, generation);
  if (!spin_until(all_done, ctx, 0)) {
    pthread_mutex_lock(&ctx->mutex);
    atomic_store(&ctx->caller_sleeping, 1);
    while (!all_done(ctx, 0))
      pthread_cond_wait(&ctx->done, &ctx->mutex);
    atomic_store(&ctx->caller_sleeping, 0);
    pthread_mutex_unlock(&ctx->mutex);
  }
}

void *kiln_workspace_acquire(kiln_context *ctx, uint64_t bytes) {
  if (!ctx)
    return alloc_aligned(bytes);
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
