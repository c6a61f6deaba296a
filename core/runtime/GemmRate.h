// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace ladder {

/// The machine's measured matrix-multiply rate: the ceiling that achieved model GFLOP/s are
/// read against. Depends on the BLAS behind LibTorch (ARCHITECTURE.md, hazard 2) and the
/// thread count, so benchmarks measure it in the same run as what they compare with it.
struct GemmRate
{
    int64_t size = 0;      ///< n of the n×n·n×n product
    std::string dtype;     ///< "fp32" or "bf16"
    double seconds = 0;    ///< median seconds per product
    double gflops = 0;     ///< 2n³ / seconds / 1e9
};

/// Times `repeats` products after one warm-up and reports the median. dtype: "fp32" or "bf16".
GemmRate measureGemmRate(int64_t size = 2048, const std::string &dtype = "fp32", int repeats = 5);

} // namespace ladder
