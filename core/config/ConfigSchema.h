// SPDX-License-Identifier: GPL-3.0-or-later
// Internal header (includes nlohmann/json): the one configuration binder. A configuration type
// declares each option once — its path, description, type, range or choices, and the member it
// fills — and reading JSON (with errors naming the path and what was expected), writing JSON,
// `--set`, help text and the designer's editors all follow that declaration.
#pragma once

#include "config/OptionDescription.h"
#include "util/Error.h"
#include "util/Text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace ladder {

using ConfigJson = nlohmann::ordered_json;

/// The bounds of an Integer or Number option.
struct Limits
{
    std::optional<double> minimum;
    std::optional<double> maximum;
    bool minimumExclusive = false;
    bool maximumExclusive = false;
};
inline Limits atLeast(double minimum) { return {minimum, std::nullopt, false, false}; }
inline Limits above(double minimum) { return {minimum, std::nullopt, true, false}; }
inline Limits between(double minimum, double maximum) { return {minimum, maximum, false, false}; }
/// [minimum, maximum): a probability that must stay below 1, a share below 0.5.
inline Limits fromBelow(double minimum, double maximum) { return {minimum, maximum, false, true}; }
/// (minimum, maximum).
inline Limits strictlyBetween(double minimum, double maximum) { return {minimum, maximum, true, true}; }

namespace config_detail {

/// "expected <what the option accepts>, got <value>".
std::string expected(const OptionDescription &option, const ConfigJson &value);
bool withinLimits(const OptionDescription &option, double value);
std::string readText(const OptionDescription &option, const ConfigJson &value, std::string &target);
std::string readNumber(const OptionDescription &option, const ConfigJson &value, double &target);
std::string readBoolean(const OptionDescription &option, const ConfigJson &value, bool &target);
std::string readTextList(const ConfigJson &value, std::vector<std::string> &target);

template<typename Int>
std::string readInteger(const OptionDescription &option, const ConfigJson &value, Int &target)
{
    if (!value.is_number_integer())
        return expected(option, value);
    Int read{};
    if (value.is_number_unsigned()) {
        const auto number = value.get<std::uint64_t>();
        if (number > static_cast<std::uint64_t>(std::numeric_limits<Int>::max()))
            return expected(option, value);
        read = static_cast<Int>(number);
    } else {
        const auto number = value.get<std::int64_t>();
        if constexpr (std::is_unsigned_v<Int>) {
            if (number < 0)
                return expected(option, value);
        } else {
            if (number < static_cast<std::int64_t>(std::numeric_limits<Int>::min())
                || number > static_cast<std::int64_t>(std::numeric_limits<Int>::max()))
                return expected(option, value);
        }
        read = static_cast<Int>(number);
    }
    if (!withinLimits(option, static_cast<double>(read)))
        return expected(option, value);
    target = read;
    return {};
}

} // namespace config_detail

/// One declared option of `Config`.
template<typename Config>
struct ConfigOption
{
    std::string section;     ///< "" for a top-level key
    OptionDescription info;  ///< info.key is the key inside the section
    /// Reads `value` into the configuration; returns "" or the problem ("expected …, got …").
    /// A problem starting with "[i]" names an element and follows the path without ": ".
    std::function<std::string(const ConfigJson &value, Config &config)> read;
    std::function<ConfigJson(const Config &config)> write;

    std::string path() const { return section.empty() ? info.key : section + "." + info.key; }
};

/// "train.batch_size: expected an integer >= 1, got 0"; "task.text_columns[1]: expected a string, …".
inline std::string formatProblem(const std::string &path, const std::string &problem)
{
    return path + (!problem.empty() && problem.front() == '[' ? "" : ": ") + problem;
}

template<typename Config>
class ConfigSchema
{
public:
    /// Where an option lives in the configuration: `[](RunConfig &c) -> auto & { return c.train.seed; }`.
    template<typename T>
    using Member = std::function<T &(Config &)>;

    ConfigSchema &text(const std::string &path, std::string description, Member<std::string> member)
    {
        return add(path, describe(std::move(description), OptionType::Text), member,
            [](const OptionDescription &o, const ConfigJson &v, std::string &t) {
                return config_detail::readText(o, v, t);
            });
    }

    /// A string that must be one of `choices`.
    ConfigSchema &choice(const std::string &path, std::string description, Member<std::string> member,
        std::vector<std::string> choices)
    {
        OptionDescription info = describe(std::move(description), OptionType::Choice);
        info.choices = std::move(choices);
        return add(path, std::move(info), member, [](const OptionDescription &o, const ConfigJson &v, std::string &t) {
            if (!v.is_string())
                return config_detail::expected(o, v);
            for (const std::string &choice : o.choices) {
                if (choice == v.get<std::string>()) {
                    t = choice;
                    return std::string();
                }
            }
            return config_detail::expected(o, v);
        });
    }

    /// An enum written as one of its names.
    template<typename Enum>
    ConfigSchema &choice(const std::string &path, std::string description, Member<Enum> member,
        std::vector<std::pair<Enum, std::string>> names)
    {
        OptionDescription info = describe(std::move(description), OptionType::Choice);
        for (const auto &entry : names)
            info.choices.push_back(entry.second);
        const auto read = [names](const ConfigJson &value, const OptionDescription &o, Enum &target) {
            if (value.is_string()) {
                for (const auto &entry : names) {
                    if (entry.second == value.get<std::string>()) {
                        target = entry.first;
                        return std::string();
                    }
                }
            }
            return config_detail::expected(o, value);
        };
        const auto write = [names](Enum value) {
            for (const auto &entry : names) {
                if (entry.first == value)
                    return ConfigJson(entry.second);
            }
            return ConfigJson(names.front().second);
        };
        OptionDescription checked = info;
        return custom(path, std::move(info),
            [member, read, checked](const ConfigJson &v, Config &c) { return read(v, checked, member(c)); },
            [member, write](const Config &c) { return write(member(const_cast<Config &>(c))); });
    }

    /// int, int64_t or uint64_t; an unsigned member is non-negative without saying so.
    template<typename Int>
    ConfigSchema &integer(const std::string &path, std::string description, Member<Int> member, Limits limits = {})
    {
        static_assert(std::is_integral_v<Int> && !std::is_same_v<Int, bool>);
        if (std::is_unsigned_v<Int> && !limits.minimum)
            limits.minimum = 0;
        return add(path, bounded(describe(std::move(description), OptionType::Integer), limits), member,
            [](const OptionDescription &o, const ConfigJson &v, Int &t) {
                return config_detail::readInteger(o, v, t);
            });
    }

    ConfigSchema &number(const std::string &path, std::string description, Member<double> member, Limits limits = {})
    {
        return add(path, bounded(describe(std::move(description), OptionType::Number), limits), member,
            [](const OptionDescription &o, const ConfigJson &v, double &t) {
                return config_detail::readNumber(o, v, t);
            });
    }

    ConfigSchema &boolean(const std::string &path, std::string description, Member<bool> member)
    {
        return add(path, describe(std::move(description), OptionType::Boolean), member,
            [](const OptionDescription &o, const ConfigJson &v, bool &t) {
                return config_detail::readBoolean(o, v, t);
            });
    }

    ConfigSchema &textList(const std::string &path, std::string description, Member<std::vector<std::string>> member)
    {
        return add(path, describe(std::move(description), OptionType::TextList), member,
            [](const OptionDescription &, const ConfigJson &v, std::vector<std::string> &t) {
                return config_detail::readTextList(v, t);
            });
    }

    /// An option whose reading is its own (a layer selection, a set of names, a nested object);
    /// `info` still declares its type, choices and description for help and editors.
    ConfigSchema &custom(const std::string &path, OptionDescription info,
        std::function<std::string(const ConfigJson &, Config &)> read, std::function<ConfigJson(const Config &)> write)
    {
        ConfigOption<Config> option;
        const std::size_t dot = path.rfind('.');
        option.section = dot == std::string::npos ? std::string() : path.substr(0, dot);
        info.key = dot == std::string::npos ? path : path.substr(dot + 1);
        option.info = std::move(info);
        option.read = std::move(read);
        option.write = std::move(write);
        options_.push_back(std::move(option));
        return *this;
    }

    const std::vector<ConfigOption<Config>> &options() const { return options_; }

    const ConfigOption<Config> *find(const std::string &section, const std::string &key) const
    {
        for (const ConfigOption<Config> &option : options_) {
            if (option.section == section && option.info.key == key)
                return &option;
        }
        return nullptr;
    }

    /// The keys of `section` ("" for the top level: its keys and its sections), in declaration order.
    std::vector<std::string> keys(const std::string &section) const
    {
        std::vector<std::string> keys;
        for (const ConfigOption<Config> &option : options_) {
            std::string key = option.info.key;
            if (section.empty() && !option.section.empty())
                key = option.section.substr(0, option.section.find('.'));
            else if (option.section != section)
                continue;
            if (std::find(keys.begin(), keys.end(), key) == keys.end())
                keys.push_back(key);
        }
        return keys;
    }

    /// Reads a whole configuration object (`what`: "run configuration"). Every key must be
    /// declared; errors name the path and what was expected.
    void read(Config &config, const ConfigJson &root, const std::string &what) const
    {
        if (!root.is_object())
            throw Error("the " + what + ": expected a JSON object, got " + root.dump());
        for (auto it = root.begin(); it != root.end(); ++it) {
            if (const ConfigOption<Config> *option = find("", it.key())) {
                readOption(*option, config, it.value());
                continue;
            }
            if (!isSection(it.key()))
                throw Error(it.key() + ": unknown key (" + what + " keys: " + joined(keys("")) + ")");
            readSection(config, it.value(), it.key());
        }
    }

    /// Reads the keys of one section's object.
    void readSection(Config &config, const ConfigJson &object, const std::string &section) const
    {
        if (!object.is_object())
            throw Error(section + ": expected an object, got " + object.dump());
        for (auto it = object.begin(); it != object.end(); ++it) {
            const ConfigOption<Config> *option = find(section, it.key());
            if (option == nullptr)
                throw Error(section + "." + it.key() + ": unknown key (" + section
                    + " keys: " + joined(keys(section)) + ")");
            readOption(*option, config, it.value());
        }
    }

    static void readOption(const ConfigOption<Config> &option, Config &config, const ConfigJson &value)
    {
        const std::string problem = option.read(value, config);
        if (!problem.empty())
            throw Error(formatProblem(option.path(), problem));
    }

    /// Sections as nested objects, every key in declaration order (stable records and diffs).
    ConfigJson write(const Config &config) const
    {
        ConfigJson root = ConfigJson::object();
        for (const ConfigOption<Config> &option : options_) {
            if (option.section.empty())
                root[option.info.key] = option.write(config);
            else
                root[option.section][option.info.key] = option.write(config);
        }
        return root;
    }

    /// Every option, its key the full path ("train.batch_size"), its default read from `defaults`.
    std::vector<OptionDescription> describeAll(const Config &defaults = Config{}) const
    {
        std::vector<OptionDescription> all;
        for (const ConfigOption<Config> &option : options_) {
            OptionDescription info = option.info;
            info.key = option.path();
            info.defaultValue = option.write(defaults).dump();
            all.push_back(std::move(info));
        }
        return all;
    }

private:
    static OptionDescription describe(std::string description, OptionType type)
    {
        OptionDescription info;
        info.description = std::move(description);
        info.type = type;
        return info;
    }

    static OptionDescription bounded(OptionDescription info, const Limits &limits)
    {
        info.minimum = limits.minimum;
        info.maximum = limits.maximum;
        info.minimumExclusive = limits.minimumExclusive;
        info.maximumExclusive = limits.maximumExclusive;
        return info;
    }

    template<typename T, typename Reader>
    ConfigSchema &add(const std::string &path, OptionDescription info, Member<T> member, Reader reader)
    {
        OptionDescription checked = info;
        return custom(path, std::move(info),
            [member, reader, checked](const ConfigJson &v, Config &c) { return reader(checked, v, member(c)); },
            [member](const Config &c) { return ConfigJson(member(const_cast<Config &>(c))); });
    }

    bool isSection(const std::string &name) const
    {
        for (const ConfigOption<Config> &option : options_) {
            if (option.section == name)
                return true;
        }
        return false;
    }

    std::vector<ConfigOption<Config>> options_;
};

} // namespace ladder
