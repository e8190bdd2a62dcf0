// A fixed pool of worker threads sized to the cores; run() hands out task indices until all are done, the
// calling thread working alongside the workers. One pool, sharedPool(), serves every kernel; parallelRows() spreads
// the rows of a row-wise kernel over it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cpu_kernels {

class ThreadPool {
 public:
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }

  /** Calls task(i) for every i in [0, count) and returns when all calls have returned. */
  void run(std::size_t count, const std::function<void(std::size_t)>& task);

 private:
  void workerLoop();
  void drain();

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  const std::function<void(std::size_t)>* task_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::size_t> next_{0};
  std::size_t busy_ = 0;
  unsigned long generation_ = 0;
  bool stopping_ = false;
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
