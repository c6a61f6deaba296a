// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ladder {

/// One difference between two configurations. `path` is a JSON pointer ("/optimizer/lr",
/// "/tasks/0"); before/after are the values as compact JSON text, absent where the key exists
/// on one side only.
struct ConfigChange
{
    std::string path;
    std::optional<std::string> before;
    std::optional<std::string> after;
};

/// The leaf-level differences between two JSON configurations, in path order. Objects are
/// compared key by key, arrays element by element; a value whose type changed is one change.
/// Throws ladder::Error if either text is not JSON.
std::vector<ConfigChange> diffConfigs(const std::string &beforeJson, const std::string &afterJson);

} // namespace ladder
