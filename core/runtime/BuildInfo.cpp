// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/BuildInfo.h"

#include <torch/cuda.h>
#include <torch/version.h>

namespace ladder {

std::string appVersion()
{
    return LADDER_VERSION;
}

std::string libtorchVersion()
{
    return TORCH_VERSION;
}

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

} // namespace ladder
