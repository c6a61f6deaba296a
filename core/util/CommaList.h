// SPDX-License-Identifier: GPL-3.0-or-later
// "full,lora,,lst" → {"full", "lora", "lst"}: the method and preset lists of the benchmarks.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace ladder {

/// The comma-separated items of `text`, empty ones dropped.
inline std::vector<std::string> splitCommaList(const std::string &text)
{
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty())
            items.push_back(item);
    return items;
}

} // namespace ladder
