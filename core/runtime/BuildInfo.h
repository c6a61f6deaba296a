// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace ladder {

/// The application's version (CMake's PROJECT_VERSION).
std::string appVersion();

/// The LibTorch version core was compiled against, e.g. "1.13.0".
std::string libtorchVersion();

/// Whether this LibTorch build can use CUDA (a CUDA LibTorch with a visible GPU).
bool cudaAvailable();

} // namespace ladder
