// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/ConfigSchema.h"

#include <cmath>
#include <cstdio>

namespace ladder {

namespace {

/// 1 → "1", 0.5 → "0.5", 1e-08 → "1e-08": bounds as people write them.
std::string formatBound(double value)
{
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

std::string quotedChoices(const std::vector<std::string> &choices)
{
    std::vector<std::string> quoted;
    for (const std::string &choice : choices)
        quoted.push_back(ConfigJson(choice).dump());
    if (quoted.size() == 2)
        return quoted[0] + " or " + quoted[1];
    if (quoted.size() == 1)
        return quoted[0];
    return "one of " + joined(quoted);
}

/// "[0, 1)", "(0, inf)", or "" without both bounds.
std::string interval(const OptionDescription &option)
{
    return std::string(option.minimumExclusive ? "(" : "[")
        + (option.minimum ? formatBound(*option.minimum) : "-inf") + ", "
        + (option.maximum ? formatBound(*option.maximum) : "inf") + (option.maximumExclusive ? ")" : "]");
}

std::string boundedNoun(const OptionDescription &option, const std::string &noun)
{
    const bool integer = option.type == OptionType::Integer;
    if (!option.minimum && !option.maximum)
        return (integer ? "an " : "a ") + noun;
    if (option.minimum && !option.maximum && *option.minimum == 0)
        return (option.minimumExclusive ? "a positive " : "a non-negative ") + noun;
    if (option.minimum && !option.maximum && !option.minimumExclusive)
        return (integer ? "an " : "a ") + noun + " >= " + formatBound(*option.minimum);
    if (option.maximum && !option.minimum && !option.maximumExclusive)
        return (integer ? "an " : "a ") + noun + " <= " + formatBound(*option.maximum);
    return (integer ? "an " : "a ") + noun + " in " + interval(option);
}

} // namespace

std::string describeAccepted(const OptionDescription &option)
{
    switch (option.type) {
    case OptionType::Text:
        return "a string";
    case OptionType::Integer:
        return boundedNoun(option, "integer");
    case OptionType::Number:
        return boundedNoun(option, "number");
    case OptionType::Boolean:
        return "true or false";
    case OptionType::Choice:
        return quotedChoices(option.choices);
    case OptionType::TextList:
        return "an array of strings";
    case OptionType::NameSet:
        return "a non-empty array of distinct names among " + joined(option.choices);
    case OptionType::LayerSelection:
        return "\"default\", \"all\", \"every:K\", a list such as \"1,2,3,5\" or an array of layer indices";
    case OptionType::Object:
        return "an object";
    }
    return "a value";
}

std::string describeType(const OptionDescription &option)
{
    switch (option.type) {
    case OptionType::Text:
        return "text";
    case OptionType::Integer:
    case OptionType::Number: {
        const std::string noun = option.type == OptionType::Integer ? "integer" : "number";
        if (!option.minimum && !option.maximum)
            return noun;
        if (option.minimum && !option.maximum)
            return noun + (option.minimumExclusive ? " > " : " >= ") + formatBound(*option.minimum);
        return noun + " in " + interval(option);
    }
    case OptionType::Boolean:
        return "true/false";
    case OptionType::Choice:
        return "one of " + joined(option.choices, "|");
    case OptionType::TextList:
        return "list of text";
    case OptionType::NameSet:
        return "set of " + joined(option.choices, ",");
    case OptionType::LayerSelection:
        return "layers (default|all|every:K|1,2,3)";
    case OptionType::Object:
        return "object";
    }
    return "value";
}

namespace config_detail {

std::string expected(const OptionDescription &option, const ConfigJson &value)
{
    return "expected " + describeAccepted(option) + ", got " + value.dump();
}

bool withinLimits(const OptionDescription &option, double value)
{
    if (!std::isfinite(value))
        return false;
    if (option.minimum && (option.minimumExclusive ? !(value > *option.minimum) : !(value >= *option.minimum)))
        return false;
    if (option.maximum && (option.maximumExclusive ? !(value < *option.maximum) : !(value <= *option.maximum)))
        return false;
    return true;
}

std::string readText(const OptionDescription &option, const ConfigJson &value, std::string &target)
{
    if (!value.is_string())
        return expected(option, value);
    target = value.get<std::string>();
    return {};
}

std::string readNumber(const OptionDescription &option, const ConfigJson &value, double &target)
{
    if (!value.is_number() || !withinLimits(option, value.get<double>()))
        return expected(option, value);
    target = value.get<double>();
    return {};
}

std::string readBoolean(const OptionDescription &option, const ConfigJson &value, bool &target)
{
    if (!value.is_boolean())
        return expected(option, value);
    target = value.get<bool>();
    return {};
}

std::string readTextList(const ConfigJson &value, std::vector<std::string> &target)
{
    if (!value.is_array())
        return "expected an array of strings, got " + value.dump();
    std::vector<std::string> items;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string())
            return "[" + std::to_string(i) + "]: expected a string, got " + value[i].dump();
        items.push_back(value[i].get<std::string>());
    }
    target = std::move(items);
    return {};
}

} // namespace config_detail

} // namespace ladder
