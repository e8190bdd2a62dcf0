#include "thread-pool.h"

#include <algorithm>

namespace cpu_kernels {
namespace {

// Elements a chunk of a row-wise kernel must hold for handing it to another thread to pay: waking a worker costs
// microseconds, about what a core takes to stream this many floats through an elementwise kernel.
constexpr std::size_t CHUNK_MIN_ELEMENTS = 1 << 14;
// Chunks per thread: a little slack for threads that start late on a shared machine.
constexpr std::size_t CHUNKS_PER_THREAD = 4;

}  // namespace

ThreadPool& sharedPool() {
  static ThreadPool instance(std::max(1u, std::thread::hardware_concurrency()));
  return instance;
}

std::size_t rowChunks(std::size_t rows, std::size_t costPerRow) {
  // In double: rows × costPerRow may exceed 64 bits for sizes that were never allocated.
  const double work = static_cast<double>(rows) * static_cast<double>(costPerRow);
  const double byWork = work / CHUNK_MIN_ELEMENTS;
  const std::size_t most = std::min<std::size_t>(rows, sharedPool().size() * CHUNKS_PER_THREAD);
  return byWork < 2 ? 1 : std::max<std::size_t>(1, std::min<std::size_t>(most, static_cast<std::size_t>(byWork)));
}

void parallelRows(std::size_t rows, std::size_t chunks,
                  const std::function<void(std::size_t chunk, std::size_t begin, std::size_t end)>& task) {
  if (rows == 0) return;
  chunks = std::max<std::size_t>(1, std::min(chunks, rows));
  sharedPool().run(chunks, [&](std::size_t chunk) { task(chunk, rows * chunk / chunks, rows * (chunk + 1) / chunks); });
}

ThreadPool::ThreadPool(unsigned threads) {
  for (unsigned i = 1; i < threads; i++) workers_.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void ThreadPool::drain() {
  for (std::size_t i = next_.fetch_add(1); i < count_; i = next_.fetch_add(1)) (*task_)(i);
}

void ThreadPool::run(std::size_t count, const std::function<void(std::size_t)>& task) {
  if (count == 0) return;
  if (count == 1 || workers_.empty()) {
    for (std::size_t i = 0; i < count; i++) task(i);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    task_ = &task;
    count_ = count;
    next_.store(0);
    busy_ = workers_.size();
    generation_++;
  }
  wake_.notify_all();
  drain();
  std::unique_lock<std::mutex> lock(mutex_);
  finished_.wait(lock, [this] { return busy_ == 0; });
  task_ = nullptr;
}

void ThreadPool::workerLoop() {
  unsigned long seen = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
    }
    drain();
    std::lock_guard<std::mutex> lock(mutex_);
    if (--busy_ == 0) finished_.notify_one();
  }
}

}  // namespace cpu_kernels
