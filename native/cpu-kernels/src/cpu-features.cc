#include "cpu-features.h"

#include <cstdlib>
#include <cstring>

namespace cpu_kernels {
namespace {

bool detectAvx2Fma() {
  const char* portable = std::getenv("FEDLORA_CPU_KERNELS_PORTABLE");
  if (portable != nullptr && std::strcmp(portable, "1") == 0) return false;
#ifdef CPU_KERNELS_X86
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

}  // namespace

bool useAvx2Fma() {
  static const bool chosen = detectAvx2Fma();
  return chosen;
}

}  // namespace cpu_kernels
