// Which code the kernels run: AVX2 + FMA where the CPU has them, the portable C++ elsewhere, or everywhere when the
// environment variable FEDLORA_CPU_KERNELS_PORTABLE=1 asks for it (read once, when the addon loads), so that the
// portable code can be checked on a machine that has AVX2.
#pragma once

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define CPU_KERNELS_X86 1
#endif

namespace cpu_kernels {

/** Whether the AVX2 + FMA kernels run. */
bool useAvx2Fma();

}  // namespace cpu_kernels

// A kernel's AVX2 + FMA variant when it runs, else its portable one (the only one outside x86-64).
#ifdef CPU_KERNELS_X86
#define CPU_KERNELS_CHOOSE(avx2, generic) (::cpu_kernels::useAvx2Fma() ? (avx2) : (generic))
#else
#define CPU_KERNELS_CHOOSE(avx2, generic) (generic)
#endif
