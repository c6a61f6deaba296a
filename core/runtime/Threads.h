// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace ladder {

/// Sets LibTorch's intra-op thread count. 0 means one per available core. Debian's LibTorch
/// starts with a single thread on a 2-core machine; setting 2 doubled fp32 GEMM throughput
/// there (ARCHITECTURE.md, hazard 6), so every entry point calls this explicitly.
/// Returns the count now in effect.
int configureThreads(int requested);

} // namespace ladder
