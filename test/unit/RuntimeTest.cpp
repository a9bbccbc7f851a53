//===- RuntimeTest.cpp - The C runtime: contexts, parallel_for, status ----===//

#include "kiln/runtime.h"

#include "gtest/gtest.h"

#include <atomic>
#include <cstring>
#include <ctime>
#include <mutex>
#include <pthread.h>
#include <set>
#include <utility>
#include <vector>

namespace {

struct Recorder {
  std::mutex mutex;
  std::vector<std::pair<int64_t, int64_t>> chunks;
  std::vector<std::atomic<int>> hits;
  explicit Recorder(int64_t n) : hits(n) {}
};

void record(void *arg, int64_t begin, int64_t end) {
  auto *r = static_cast<Recorder *>(arg);
  for (int64_t i = begin; i < end; ++i)
    r->hits[i]++;
  std::lock_guard<std::mutex> lock(r->mutex);
  r->chunks.push_back({begin, end});
}

std::set<std::pair<int64_t, int64_t>> chunksOf(kiln_context *ctx, int64_t n) {
  Recorder r(n);
  kiln_parallel_for(ctx, n, record, &r);
  for (int64_t i = 0; i < n; ++i)
    EXPECT_EQ(r.hits[i].load(), 1) << "index " << i << " of " << n;
  return {r.chunks.begin(), r.chunks.end()};
}

TEST(Runtime, ContextHasRequestedThreads) {
  for (int t : {1, 2, 3, 8}) {
    kiln_context *ctx = kiln_context_create(t);
    ASSERT_NE(ctx, nullptr);
    EXPECT_EQ(kiln_context_num_threads(ctx), t);
    kiln_context_destroy(ctx);
  }
}

TEST(Runtime, ZeroThreadsMeansOnePerCore) {
  kiln_context *ctx = kiln_context_create(0);
  ASSERT_NE(ctx, nullptr);
  EXPECT_GE(kiln_context_num_threads(ctx), 1);
  kiln_context_destroy(ctx);
}

TEST(Runtime, DestroyNullIsANoOp) { kiln_context_destroy(nullptr); }

TEST(Runtime, ParallelForCoversEveryIndexOnce) {
  for (int t : {1, 2, 5}) {
    kiln_context *ctx = kiln_context_create(t);
    for (int64_t n : {1, 2, 3, 7, 64, 1000})
      chunksOf(ctx, n);
    kiln_context_destroy(ctx);
  }
  chunksOf(nullptr, 100); // The default context.
}

TEST(Runtime, ParallelForSplitDependsOnlyOnSizeAndThreads) {
  kiln_context *ctx = kiln_context_create(3);
  // [0, 10) over 3 threads: ranges [n * t / T, n * (t + 1) / T) = [0, 3),
  // [3, 6), [6, 10), each cut into min(4, shortest range) = 3 pieces.
  std::set<std::pair<int64_t, int64_t>> expected = {
      {0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 8}, {8, 10}};
  for (int repeat = 0; repeat < 50; ++repeat)
    EXPECT_EQ(chunksOf(ctx, 10), expected);
  // At most 4 pieces per range: [0, 100) over 3 threads.
  std::set<std::pair<int64_t, int64_t>> hundred = {
      {0, 8},   {8, 16},  {16, 24}, {24, 33}, {33, 41}, {41, 49},
      {49, 57}, {57, 66}, {66, 74}, {74, 83}, {83, 91}, {91, 100}};
  EXPECT_EQ(chunksOf(ctx, 100), hundred);
  // Fewer items than threads: empty chunks are not run.
  std::set<std::pair<int64_t, int64_t>> two = {{0, 1}, {1, 2}};
  EXPECT_EQ(chunksOf(ctx, 2), two);
  kiln_context_destroy(ctx);
}

struct Stall {
  pthread_t caller;
  std::atomic<int> stalled{0};
  std::atomic<int> byCaller{0};
};

// A worker that stops in its first piece (as one the OS does not schedule
// would) holds the loop up by that piece only: the caller runs the rest of
// the worker's range.
void stallWorker(void *arg, int64_t begin, int64_t end) {
  auto *s = static_cast<Stall *>(arg);
  (void)begin;
  (void)end;
  if (pthread_equal(pthread_self(), s->caller)) {
    // Slow enough that the worker takes its first piece meanwhile.
    struct timespec t = {0, 2 * 1000 * 1000};
    nanosleep(&t, nullptr);
    s->byCaller++;
    return;
  }
  if (s->stalled++ == 0) {
    struct timespec t = {0, 100 * 1000 * 1000};
    nanosleep(&t, nullptr);
  }
}

TEST(Runtime, ParallelForTakesOverALateThreadsPieces) {
  kiln_context *ctx = kiln_context_create(2);
  chunksOf(ctx, 64); // the worker is up and waiting for the next loop
  Stall s;
  s.caller = pthread_self();
  // 2 ranges of 4 pieces: the caller runs its 4 and at least 3 of the
  // worker's while the worker sleeps in the one it took (all 4 if the
  // worker never started).
  kiln_parallel_for(ctx, 64, stallWorker, &s);
  EXPECT_GE(s.byCaller.load(), 7);
  EXPECT_LE(s.stalled.load(), 1);
  EXPECT_EQ(s.byCaller.load() + s.stalled.load(), 8);
  // The next loop runs normally.
  chunksOf(ctx, 64);
  kiln_context_destroy(ctx);
}

TEST(Runtime, ParallelForWithNothingToDoCallsNothing) {
  kiln_context *ctx = kiln_context_create(2);
  EXPECT_TRUE(chunksOf(ctx, 0).empty());
  kiln_context_destroy(ctx);
}

TEST(Runtime, StatusStrings) {
  EXPECT_STREQ(kiln_status_string(KILN_OK), "ok");
  for (kiln_status s : {KILN_ERROR_INVALID_ARGUMENT, KILN_ERROR_OUT_OF_MEMORY,
                        KILN_ERROR_DEVICE_UNAVAILABLE, KILN_ERROR_INTERNAL}) {
    const char *text = kiln_status_string(s);
    ASSERT_NE(text, nullptr);
    EXPECT_GT(std::strlen(text), 3u);
    EXPECT_STRNE(text, "unknown status");
  }
  EXPECT_STREQ(kiln_status_string(static_cast<kiln_status>(99)), "unknown status");
}

TEST(Runtime, WorkspaceIsAlignedAndKeptByTheContext) {
  kiln_context *ctx = kiln_context_create(1);
  void *a = kiln_workspace_acquire(ctx, 1000);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 64, 0u);
  std::memset(a, 0xab, 1000); // the whole size is usable (ASan/valgrind check)
  kiln_workspace_release(ctx, a);
  // A smaller or equal request reuses the context's arena.
  void *b = kiln_workspace_acquire(ctx, 1000);
  EXPECT_EQ(b, a);
  kiln_workspace_release(ctx, b);
  void *c = kiln_workspace_acquire(ctx, 64);
  EXPECT_EQ(c, a);
  kiln_workspace_release(ctx, c);
  // A larger one grows it.
  void *d = kiln_workspace_acquire(ctx, 1 << 20);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(d) % 64, 0u);
  std::memset(d, 0, 1 << 20);
  kiln_workspace_release(ctx, d);
  kiln_context_destroy(ctx); // frees the arena
}

#ifdef __linux__
// A context's arena of 2 MiB or more starts at a 2 MiB boundary, where huge
// pages can back it, and all of it is usable.
TEST(Runtime, LargeWorkspaceIsHugePageAligned) {
  kiln_context *ctx = kiln_context_create(1);
  const uint64_t bytes = (3u << 20) + 100;
  void *a = kiln_workspace_acquire(ctx, bytes);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % (2u << 20), 0u);
  std::memset(a, 0x5a, bytes);
  kiln_workspace_release(ctx, a);
  kiln_context_destroy(ctx);
}
#endif

TEST(Runtime, WorkspaceWithoutContextIsPerRun) {
  void *a = kiln_workspace_acquire(nullptr, 100); // not a multiple of 64
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 64, 0u);
  std::memset(a, 1, 100);
  kiln_workspace_release(nullptr, a);
}

TEST(Runtime, WorkspaceTooLargeIsNull) {
  kiln_context *ctx = kiln_context_create(1);
  EXPECT_EQ(kiln_workspace_acquire(ctx, UINT64_MAX), nullptr);
  EXPECT_EQ(kiln_workspace_acquire(nullptr, UINT64_MAX - 10), nullptr);
  kiln_context_destroy(ctx);
}

} // namespace
