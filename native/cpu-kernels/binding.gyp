{
  "targets": [
    {
      "target_name": "cpu_kernels",
      "sources": [
        "src/adam.cc", "src/addon.cc", "src/attention.cc", "src/attention-tiles.cc", "src/cpu-features.cc", "src/cross-entropy.cc", "src/gather.cc",
        "src/gemm.cc", "src/lora-path.cc", "src/nf4.cc", "src/packed-gemm.cc", "src/rms-norm.cc", "src/rotary.cc", "src/swiglu.cc", "src/thread-pool.cc",
        "src/transpose.cc"
      ],
      "cflags_cc": ["-std=c++17", "-O3", "-fno-exceptions", "-ffp-contract=off"],
      "cflags_cc!": ["-fno-rtti"],
      "ldflags": ["-pthread"],
      "xcode_settings": {
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "GCC_OPTIMIZATION_LEVEL": "3",
        "MACOSX_DEPLOYMENT_TARGET": "11.0"
      }
    }
  ]
}
