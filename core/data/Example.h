// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): the rows a task reader produces, before any text-to-text formatting.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ladder {

/// One labelled (or, for test files, unlabelled) example as read from a task file.
struct Example
{
    /// The text fields in the task's order (CoLA: sentence; MRPC: sentence1, sentence2; …).
    std::vector<std::string> texts;
    /// Classification label as a word: for GLUE the task's label word (`acceptable`,
    /// `entailment`, …); for generic tasks the label cell as written. Empty for regression
    /// and for unlabelled rows.
    std::string label;
    /// Regression target (STS-B score, generic regression label); 0 otherwise.
    double score = 0.0;
    /// False for rows of test files, which carry no label and are never evaluated.
    bool hasLabel = false;
    /// 1-based line in the source file where the row starts (for messages and `ladder data`).
    int64_t line = 0;
};

/// The examples of one file (or of one split made from files).
struct Dataset
{
    /// The file the examples came from (or a description such as "dev.tsv, first half").
    std::string source;
    std::vector<Example> examples;
    /// Rows left out on purpose: QQP rows with missing fields, and malformed rows when the
    /// caller chose MalformedRowPolicy::Skip.
    int64_t skippedRows = 0;
    /// "<file>:<line>: <why>" for the first kMaxSkipReasons skipped rows (the count stays exact).
    std::vector<std::string> skipReasons;

    static constexpr std::size_t kMaxSkipReasons = 100;

    /// Counts a skipped row and keeps its reason while there is room.
    void addSkipped(const std::string &reason);
};

/// What a reader does with a row it cannot parse (wrong field count, bad label, bad number).
enum class MalformedRowPolicy {
    Error, ///< throw ladder::Error naming file:line (the default: never a silent mis-parse)
    Skip, ///< leave the row out, count it and keep the reason in Dataset::skipReasons
};

struct ReadOptions
{
    MalformedRowPolicy malformedRows = MalformedRowPolicy::Error;
};

} // namespace ladder
