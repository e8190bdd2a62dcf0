#include "thread-pool.h"

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace cpu_kernels {
namespace {

// Elements a chunk of a row-wise kernel must hold for handing it to another thread to pay: waking a worker costs
// microseconds, about what a core takes to stream this many floats through an elementwise kernel.
constexpr std::size_t CHUNK_MIN_ELEMENTS = 1 << 14;
// Chunks per thread: a little slack for threads that start late on a shared machine.
constexpr std::size_t CHUNKS_PER_THREAD = 4;
// How long a thread spins for what it waits on before it sleeps: about the gap between two kernels of a training
// step.
constexpr auto SPIN = std::chrono::microseconds(100);

// Calls ready() until it is true or SPIN has passed, pausing between calls; returns its last answer.
template <typename Ready>
bool spinUntil(const Ready& ready) {
  const auto deadline = std::chrono::steady_clock::now() + SPIN;
  for (;;) {
    for (int i = 0; i < 16; i++) {
      if (ready()) return true;
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#elif defined(__aarch64__)
      asm volatile("yield");
#endif
    }
    if (std::chrono::steady_clock::now() > deadline) return ready();
  }
}

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
    stopping_.store(true);
  }
  wake_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void ThreadPool::run(std::size_t count, const Task& task) {
  if (count == 0) return;
  if (count == 1 || workers_.empty()) {
    for (std::size_t i = 0; i < count; i++) task(i);
    return;
  }
  if (count > UINT32_MAX) {
    // More tasks than a claim's index holds: run them as runs of at most that many.
    for (std::size_t first = 0; first < count; first += UINT32_MAX) {
      run(std::min<std::size_t>(UINT32_MAX, count - first), [&](std::size_t i) { task(first + i); });
    }
    return;
  }
  std::uint32_t generation;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation = published_.load(std::memory_order_relaxed) + 1;
    task_ = &task;
    count_ = count;
    done_.store(0, std::memory_order_relaxed);
    claims_.store(static_cast<std::uint64_t>(generation) << 32, std::memory_order_relaxed);
    published_.store(generation);
    if (sleepers_ > 0) wake_.notify_all();
  }
  work(generation, &task, count);
  const auto finished = [&] { return done_.load(std::memory_order_acquire) == count; };
  if (!spinUntil(finished)) {
    std::unique_lock<std::mutex> lock(mutex_);
    finished_.wait(lock, finished);
  }
}

void ThreadPool::work(std::uint32_t generation, const Task* task, std::size_t count) {
  std::uint64_t claim = claims_.load(std::memory_order_relaxed);
  for (;;) {
    const std::size_t index = claim & UINT32_MAX;
    if (claim >> 32 != generation || index >= count) return;
    if (!claims_.compare_exchange_weak(claim, claim + 1, std::memory_order_acquire, std::memory_order_relaxed)) continue;
    (*task)(index);  // only now: the run, and so the task, outlives every claimed index
    if (done_.fetch_add(1, std::memory_order_acq_rel) + 1 == count) {
      // The lock orders this notification after the caller's check of done_ (no lost wake-up).
      std::lock_guard<std::mutex> lock(mutex_);
      finished_.notify_all();
    }
    claim = claims_.load(std::memory_order_relaxed);
  }
}

bool ThreadPool::awaitRun(std::uint32_t seen, std::uint32_t* generation, const Task** task, std::size_t* count) {
  const auto published = [&] { return stopping_.load(std::memory_order_relaxed) || published_.load() != seen; };
  const bool spun = spinUntil(published);
  std::unique_lock<std::mutex> lock(mutex_);
  if (!spun) {
    sleepers_++;
    wake_.wait(lock, published);
    sleepers_--;
  }
  // Read under the lock, the run's generation, task and count belong together.
  *generation = published_.load(std::memory_order_relaxed);
  *task = task_;
  *count = count_;
  return !stopping_.load(std::memory_order_relaxed);
}

void ThreadPool::workerLoop() {
  std::uint32_t seen = 0, generation;
  const Task* task;
  std::size_t count;
  while (awaitRun(seen, &generation, &task, &count)) {
    seen = generation;
    work(generation, task, count);
  }
}

}  // namespace cpu_kernels
