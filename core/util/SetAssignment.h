// SPDX-License-Identifier: GPL-3.0-or-later
// `--set key.path=value` as the run and pretraining configurations both accept it. Header-only:
// only their JSON readers include it.
#pragma once

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ladder {

struct SetAssignment
{
    std::string path;             ///< "train.batch_size"
    nlohmann::ordered_json value; ///< JSON when the text parses as JSON, else the text as a string
    std::string text;             ///< the value as typed: what a text option takes (`layers=5` → "5")
};

/// Splits at the first '='. The value is JSON when it parses (8, true, "x", [1, 2]), else the
/// bare word as a string (sst2, lora, /data/glue). Throws ladder::Error without a key.
inline SetAssignment parseSetAssignment(const std::string &assignment, const std::string &example)
{
    const std::size_t equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0)
        throw Error("--set " + assignment + ": expected key.path=value (e.g. " + example + ")");
    SetAssignment parsed;
    parsed.path = assignment.substr(0, equals);
    const std::string text = assignment.substr(equals + 1);
    parsed.text = text;
    try {
        parsed.value = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::ordered_json::exception &) {
        parsed.value = text;
    }
    return parsed;
}

} // namespace ladder
