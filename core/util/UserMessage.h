// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include. What front ends do to an exception's text before a
// user reads it.
#pragma once

#include <string>

namespace ladder {

/// `message` without the JSON library's error ids ("[json.exception.parse_error.101] "), which
/// the parser's own words around them already explain. ladder::Error applies it to every
/// message; front ends pass any other exception's text through it.
std::string withoutLibraryCodes(const std::string &message);

} // namespace ladder
