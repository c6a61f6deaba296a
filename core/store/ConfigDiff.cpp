// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ConfigDiff.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ladder {

namespace {

using nlohmann::json;

json parseConfig(const std::string &text, const char *which)
{
    try {
        return json::parse(text);
    } catch (const json::exception &e) {
        throw Error(std::string("the ") + which + " configuration is not valid JSON: " + e.what());
    }
}

std::string escapePointerToken(const std::string &key)
{
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

void diff(const json &before, const json &after, const std::string &path, std::vector<ConfigChange> &out)
{
    if (before.is_object() && after.is_object()) {
        for (const auto &[key, value] : before.items()) {
            const std::string child = path + "/" + escapePointerToken(key);
            if (after.contains(key))
                diff(value, after.at(key), child, out);
            else
                out.push_back({ child, value.dump(), std::nullopt });
        }
        for (const auto &[key, value] : after.items()) {
            if (!before.contains(key))
                out.push_back({ path + "/" + escapePointerToken(key), std::nullopt, value.dump() });
        }
        return;
    }
    if (before.is_array() && after.is_array()) {
        const std::size_t common = std::min(before.size(), after.size());
        for (std::size_t i = 0; i < common; ++i)
            diff(before[i], after[i], path + "/" + std::to_string(i), out);
        for (std::size_t i = common; i < before.size(); ++i)
            out.push_back({ path + "/" + std::to_string(i), before[i].dump(), std::nullopt });
        for (std::size_t i = common; i < after.size(); ++i)
            out.push_back({ path + "/" + std::to_string(i), std::nullopt, after[i].dump() });
        return;
    }
    if (before != after)
        out.push_back({ path, before.dump(), after.dump() });
}

} // namespace

std::vector<ConfigChange> diffConfigs(const std::string &beforeJson, const std::string &afterJson)
{
    std::vector<ConfigChange> changes;
    diff(parseConfig(beforeJson, "first"), parseConfig(afterJson, "second"), "", changes);
    std::stable_sort(
        changes.begin(), changes.end(), [](const ConfigChange &a, const ConfigChange &b) { return a.path < b.path; });
    return changes;
}

} // namespace ladder
