// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/GenericTask.h"

#include "data/CsvReader.h"
#include "data/LineReader.h"
#include "data/RowErrors.h"
#include "util/Error.h"
#include "util/Text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>

namespace ladder {

namespace {

using Json = nlohmann::json;

void checkSpec(const std::string &path, const GenericTaskSpec &spec)
{
    if (spec.textColumns.empty())
        throw Error::inFile(path, "the task names no text column (expected at least one)");
    if (spec.labelColumn.empty())
        throw Error::inFile(path, "the task names no label column");
    const std::set<std::string> unique(spec.textColumns.begin(), spec.textColumns.end());
    if (unique.size() != spec.textColumns.size())
        throw Error::inFile(path, "a text column is named twice: " + joined(spec.textColumns));
    if (unique.count(spec.labelColumn))
        throw Error::inFile(path, "column '" + spec.labelColumn + "' cannot be both a text and the label");
}

bool parseNumber(const std::string &text, double &value)
{
    const char *end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value); // locale-independent
    return !text.empty() && result.ec == std::errc() && result.ptr == end && std::isfinite(value);
}

// Fills the label of @p example from a label cell; on failure returns what was expected.
std::optional<std::string> setLabel(Example &example, const std::string &cell, const GenericTaskSpec &spec)
{
    if (spec.regression) {
        if (!parseNumber(cell, example.score))
            return "a number in label column '" + spec.labelColumn + "', found '" + cell + "'";
    } else {
        if (cell.empty())
            return "a label in column '" + spec.labelColumn + "', found an empty cell";
        example.label = cell;
    }
    example.hasLabel = true;
    return std::nullopt;
}

// Column positions of a TSV or CSV header.
struct HeaderColumns
{
    std::vector<std::size_t> text;
    std::optional<std::size_t> label;
    std::size_t fieldCount = 0;
};

HeaderColumns findColumns(
    const std::vector<std::string> &header, const GenericTaskSpec &spec, const std::string &path, int64_t line)
{
    const std::string place = filePlace(path, line);
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (std::find(header.begin() + static_cast<std::ptrdiff_t>(i) + 1, header.end(), header[i]) != header.end())
            throw Error(place + ": column '" + header[i] + "' appears twice in the header");
    }
    const auto find = [&](const std::string &name) -> std::optional<std::size_t> {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end())
            return std::nullopt;
        return static_cast<std::size_t>(it - header.begin());
    };
    const auto missing = [&](const std::string &name) {
        return Error(place + ": expected a header line with a column '" + name + "', found columns: " + joined(header));
    };
    HeaderColumns columns;
    columns.fieldCount = header.size();
    for (const std::string &name : spec.textColumns) {
        const auto index = find(name);
        if (!index)
            throw missing(name);
        columns.text.push_back(*index);
    }
    columns.label = find(spec.labelColumn);
    if (!columns.label && spec.requireLabel)
        throw missing(spec.labelColumn);
    return columns;
}

// One TSV or CSV row to an example, or a reason to reject it.
std::optional<std::string> rowToExample(
    const std::vector<std::string> &fields, const HeaderColumns &columns, const GenericTaskSpec &spec, Example &example)
{
    if (fields.size() != columns.fieldCount) {
        const std::string separator = spec.format == TableFormat::Tsv ? "tab" : "comma";
        return "expected " + std::to_string(columns.fieldCount) + " " + separator + "-separated fields, found "
            + std::to_string(fields.size());
    }
    for (const std::size_t column : columns.text)
        example.texts.push_back(fields[column]);
    if (columns.label) {
        if (auto problem = setLabel(example, fields[*columns.label], spec))
            return "expected " + *problem;
    }
    return std::nullopt;
}

Dataset readTsv(const std::string &path, const GenericTaskSpec &spec, const ReadOptions &options)
{
    LineReader reader(path);
    std::string line;
    if (!reader.next(line))
        throw Error::inFile(path, "the file is empty, expected a header line naming the columns");
    const HeaderColumns columns = findColumns(splitTabs(line), spec, path, 1);
    Dataset dataset;
    dataset.source = path;
    while (reader.next(line)) {
        if (line.empty())
            continue;
        Example example;
        example.line = reader.lineNumber();
        if (auto problem = rowToExample(splitTabs(line), columns, spec, example))
            rejectRow(dataset, options, filePlace(path, example.line) + ": " + *problem);
        else
            dataset.examples.push_back(std::move(example));
    }
    return dataset;
}

Dataset readCsv(const std::string &path, const GenericTaskSpec &spec, const ReadOptions &options)
{
    CsvReader reader(path);
    std::vector<std::string> fields;
    std::string error;
    if (!reader.next(fields, error))
        throw Error::inFile(path, "the file is empty, expected a header line naming the columns");
    if (!error.empty())
        throw Error(error);
    const HeaderColumns columns = findColumns(fields, spec, path, reader.recordLine());
    Dataset dataset;
    dataset.source = path;
    while (reader.next(fields, error)) {
        if (!error.empty()) {
            rejectRow(dataset, options, error);
            continue;
        }
        Example example;
        example.line = reader.recordLine();
        if (auto problem = rowToExample(fields, columns, spec, example))
            rejectRow(dataset, options, filePlace(path, example.line) + ": " + *problem);
        else
            dataset.examples.push_back(std::move(example));
    }
    return dataset;
}

// The label of a JSON object as label text (classification) or number (regression).
std::optional<std::string> setJsonLabel(Example &example, const Json &value, const GenericTaskSpec &spec)
{
    const std::string key = "'" + spec.labelColumn + "'";
    if (spec.regression) {
        if (value.is_number()) {
            example.score = value.get<double>();
            example.hasLabel = true;
            return std::nullopt;
        }
        if (value.is_string())
            return setLabel(example, value.get<std::string>(), spec);
        return "a number for key " + key + ", found " + std::string(value.type_name());
    }
    if (value.is_string())
        return setLabel(example, value.get<std::string>(), spec);
    if (value.is_number_integer() || value.is_boolean())
        return setLabel(example, value.dump(), spec); // 1 → "1", true → "true"
    return "a string or an integer for key " + key + ", found " + std::string(value.type_name());
}

std::optional<std::string> jsonToExample(const std::string &line, const GenericTaskSpec &spec, Example &example)
{
    Json object;
    try {
        object = Json::parse(line);
    } catch (const Json::exception &e) { // parse_error, or out_of_range for a number like 1e999
        std::string what = e.what();
        const std::size_t bracket = what.find("] ");
        return "invalid JSON (" + (bracket == std::string::npos ? what : what.substr(bracket + 2)) + ")";
    }
    if (!object.is_object())
        return "expected a JSON object per line, found " + std::string(object.type_name());
    for (const std::string &key : spec.textColumns) {
        const auto it = object.find(key);
        if (it == object.end())
            return "missing key '" + key + "'";
        if (!it->is_string())
            return "expected a string for key '" + key + "', found " + std::string(it->type_name());
        example.texts.push_back(it->get<std::string>());
    }
    const auto label = object.find(spec.labelColumn);
    if (label == object.end() || label->is_null()) {
        if (spec.requireLabel)
            return "missing key '" + spec.labelColumn + "' (the label)";
        return std::nullopt;
    }
    if (auto problem = setJsonLabel(example, *label, spec))
        return "expected " + *problem;
    return std::nullopt;
}

Dataset readJsonl(const std::string &path, const GenericTaskSpec &spec, const ReadOptions &options)
{
    LineReader reader(path);
    Dataset dataset;
    dataset.source = path;
    std::string line;
    while (reader.next(line)) {
        if (std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c); }))
            continue;
        Example example;
        example.line = reader.lineNumber();
        if (auto problem = jsonToExample(line, spec, example))
            rejectRow(dataset, options, filePlace(path, example.line) + ": " + *problem);
        else
            dataset.examples.push_back(std::move(example));
    }
    return dataset;
}

} // namespace

TableFormat tableFormatFromName(const std::string &name)
{
    std::string key;
    for (const char c : name)
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == "tsv")
        return TableFormat::Tsv;
    if (key == "csv")
        return TableFormat::Csv;
    if (key == "jsonl")
        return TableFormat::Jsonl;
    throw Error("unknown task file format '" + name + "', expected tsv, csv or jsonl");
}

std::string tableFormatName(TableFormat format)
{
    switch (format) {
    case TableFormat::Tsv:
        return "tsv";
    case TableFormat::Csv:
        return "csv";
    case TableFormat::Jsonl:
        return "jsonl";
    }
    return "?";
}

Dataset readGenericFile(const std::string &path, const GenericTaskSpec &spec, const ReadOptions &options)
{
    checkSpec(path, spec);
    switch (spec.format) {
    case TableFormat::Tsv:
        return readTsv(path, spec, options);
    case TableFormat::Csv:
        return readCsv(path, spec, options);
    case TableFormat::Jsonl:
        return readJsonl(path, spec, options);
    }
    throw Error("unknown task file format");
}

std::vector<std::string> collectLabels(const Dataset &dataset)
{
    std::set<std::string> labels;
    for (const Example &example : dataset.examples) {
        if (example.hasLabel && !example.label.empty())
            labels.insert(example.label);
    }
    return { labels.begin(), labels.end() };
}

} // namespace ladder
