// A fixed pool of worker threads sized to the cores; run() hands out task indices until all are done, the
// calling thread working alongside the workers. One pool, sharedPool(), serves every kernel; parallelRows() spreads
// the rows of a row-wise kernel over it.
//
// A training step calls the pool a few hundred times, tens of microseconds apart, so the hand-off is built for
// latency: run() returns as soon as every task has finished, never waiting for a worker that took none (a worker
// descheduled by another process would otherwise hold up every kernel), and workers spin briefly for the next run
// before they sleep, since waking a sleeping thread costs about as much as a small kernel.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cpu_kernels {

class ThreadPool {
 public:
  using Task = std::function<void(std::size_t)>;

  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }

  /** Calls task(i) for every i in [0, count) and returns when all calls have returned. */
  void run(std::size_t count, const Task& task);

 private:
  void workerLoop();
  // Waits (spinning, then asleep) for a run newer than `seen`; false when the pool is stopping.
  bool awaitRun(std::uint32_t seen, std::uint32_t* generation, const Task** task, std::size_t* count);
  // Claims and calls tasks of run `generation` until none is left.
  void work(std::uint32_t generation, const Task* task, std::size_t count);

  std::vector<std::thread> workers_;
  // The current run: its generation, task and count, written and read together under mutex_. `claims_` holds the
  // generation in its high 32 bits and the next unclaimed index in its low 32, so that a worker that wakes late
  // cannot claim a task of a newer run than the one it read; `published_` is what workers spin on.
  std::mutex mutex_;
  std::atomic<std::uint32_t> published_{0};
  const Task* task_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::uint64_t> claims_{0};
  std::atomic<std::size_t> done_{0};
  unsigned sleepers_ = 0;
  std::atomic<bool> stopping_{false};
  std::condition_variable wake_;
  std::condition_variable finished_;
};

/** The pool every kernel shares, sized to the cores. */
ThreadPool& sharedPool();

/**
 * How many contiguous chunks parallelRows splits `rows` rows of `costPerRow` elements into: 1 (the calling thread
 * alone) when the work is too small to repay waking the workers, else a few per thread.
 */
std::size_t rowChunks(std::size_t rows, std::size_t costPerRow);

/** Calls task(chunk, begin, end) for each of `chunks` contiguous ranges covering rows [0, rows), on the shared pool. */
void parallelRows(std::size_t rows, std::size_t chunks,
                  const std::function<void(std::size_t chunk, std::size_t begin, std::size_t end)>& task);

}  // namespace cpu_kernels
