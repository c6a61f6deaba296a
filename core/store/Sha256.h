// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace ladder {

/// SHA-256 (FIPS 180-4) of `data`, as 64 lower-case hex digits. Used for configuration hashes,
/// so that identical configurations are found without comparing their text.
std::string sha256Hex(const std::string &data);

} // namespace ladder
