// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): the pretrained teaching backbones that ship with the workbench
// (resources/backbones/<name>/, made by `ladder pretrain`), found by name.
#pragma once

#include <string>
#include <vector>

namespace ladder {

/// The environment variable naming a folder of backbones to use instead of searching.
inline constexpr const char *shippedBackbonesEnvVar = "LADDER_BACKBONES_DIR";

/// The folders searched, in order: $LADDER_BACKBONES_DIR alone when set; otherwise
/// <exe dir>/../share/ladder-workbench/backbones, the source tree's resources/backbones (a build
/// run in place) and the install directory.
std::vector<std::string> shippedBackboneSearchDirs();

/// The folder of the shipped backbone `name` (the first search folder holding
/// <name>/config.json), or "" when there is none or the name is not a plain folder name.
std::string findShippedBackbone(const std::string &name);

/// The names of every shipped backbone found, sorted, without duplicates.
std::vector<std::string> shippedBackboneNames();

} // namespace ladder
