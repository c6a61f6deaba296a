// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch, Qt or JSON include. One configuration option as the configuration
// binder (config/ConfigSchema.h) declares it: what `--help`, `ladder info`, the man page and the
// designer's typed editors are generated from, so none of them restates a type, range or choice.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ladder {

/// What kind of value an option holds, and so which editor shows it.
enum class OptionType {
    Text,           ///< free text (a path, a name)
    Integer,        ///< whole number within minimum..maximum
    Number,         ///< real number within minimum..maximum
    Boolean,        ///< true or false
    Choice,         ///< one of `choices`
    TextList,       ///< an array of free texts (columns, files)
    NameSet,        ///< a non-empty set of distinct names among `choices` (LoRA's targets)
    LayerSelection, ///< backbone layers: "default", "all", "every:K" or "1,2,3"
    Object,         ///< a nested configuration with its own options (a run's "method")
};

/// One option: its key, one sentence for people, its default and what values it accepts.
struct OptionDescription
{
    std::string key;          ///< the JSON key or path: "reduction", "train.batch_size"
    std::string description;  ///< one sentence
    std::string defaultValue; ///< as JSON text
    OptionType type = OptionType::Text;
    std::optional<double> minimum; ///< Integer and Number
    std::optional<double> maximum;
    bool minimumExclusive = false;
    bool maximumExclusive = false;
    std::vector<std::string> choices; ///< Choice: the values; NameSet: the names
};

/// "an integer >= 1", "a number in [0, 1)", "\"fp32\" or \"bf16\"", "true or false": what the
/// option accepts, as error messages and help text say it.
std::string describeAccepted(const OptionDescription &option);

/// "integer", "number in [0, 1)", "one of fp32, bf16": a short type column for help tables.
std::string describeType(const OptionDescription &option);

} // namespace ladder
