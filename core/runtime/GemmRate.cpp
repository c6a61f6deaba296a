// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/GemmRate.h"

#include "util/Error.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace ladder {

GemmRate measureGemmRate(int64_t size, const std::string &dtype, int repeats)
{
    torch::Dtype type;
    if (dtype == "fp32")
        type = torch::kFloat32;
    else if (dtype == "bf16")
        type = torch::kBFloat16;
    else
        throw Error("GEMM rate: unknown dtype '" + dtype + "' (expected fp32 or bf16)");
    if (size <= 0 || repeats <= 0)
        throw Error("GEMM rate: size and repeats must be positive");

    torch::NoGradGuard noGrad;
    const torch::Tensor a = torch::randn({size, size}).to(type);
    const torch::Tensor b = torch::randn({size, size}).to(type);
    torch::Tensor c = torch::matmul(a, b); // warm-up: thread pool, BLAS buffers
    std::vector<double> seconds;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        c = torch::matmul(a, b);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    GemmRate rate;
    rate.size = size;
    rate.dtype = dtype;
    rate.seconds = seconds[seconds.size() / 2];
    rate.gflops = 2.0 * static_cast<double>(size) * size * size / rate.seconds / 1e9;
    return rate;
}

} // namespace ladder
