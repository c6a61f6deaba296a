// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): a user's own classification or regression task from TSV, CSV or JSONL.
#pragma once

#include "data/Example.h"

#include <string>
#include <vector>

namespace ladder {

enum class TableFormat {
    Tsv, ///< header line, fields split on tabs only (quotes are text), as GLUE files
    Csv, ///< header line, RFC 4180 (quoted fields may hold commas, "" and line breaks)
    Jsonl, ///< one JSON object per line; columns are keys
};

/// "tsv", "csv" or "jsonl" (case-insensitive); throws ladder::Error otherwise.
TableFormat tableFormatFromName(const std::string &name);
std::string tableFormatName(TableFormat format);

/// Which columns of a user's file hold the texts and the label.
struct GenericTaskSpec
{
    TableFormat format = TableFormat::Tsv;
    /// Text columns, in the order they are formatted; at least one.
    std::vector<std::string> textColumns;
    std::string labelColumn = "label";
    /// Regression: the label is a number (a JSON number or a numeric string). Classification:
    /// the label is a string (JSON integers and booleans are written as text: 1 → "1").
    bool regression = false;
    /// False for prediction-only files: a missing label column (or key) gives unlabelled rows.
    bool requireLabel = true;
};

/// Reads a generic task file. TSV and CSV need a header line naming the columns; JSONL
/// objects need the text keys (string values). Errors name "<file>:<line>" and what was wrong:
/// a header without a named column, a row with the wrong number of fields, a missing key, a
/// text that is not a string, a bad label, invalid JSON, invalid UTF-8. Row errors follow
/// @p options (throw, or skip and count); header, encoding and unclosed-quote errors always throw.
Dataset readGenericFile(const std::string &path, const GenericTaskSpec &spec, const ReadOptions &options = {});

/// The distinct labels of @p dataset, sorted (byte order), for a classification task's label list.
std::vector<std::string> collectLabels(const Dataset &dataset);

} // namespace ladder
