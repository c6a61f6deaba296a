// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/GlueTask.h"

#include "data/LineReader.h"
#include "data/RowErrors.h"
#include "util/Error.h"
#include "util/Text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>

namespace ladder {

namespace {

enum class LabelKind { ZeroOne, Word, Score };

// Where the text and the label live in the files of one task (GLUE-FORMATS.md).
struct FileLayout
{
    std::vector<std::string> textColumns; // header names, in the task's field order
    std::string labelColumn; // header name of the label in train/dev files
    LabelKind labelKind;
};

const GlueTaskInfo &info(GlueTask task)
{
    static const std::vector<GlueTaskInfo> table = {
        { GlueTask::Cola, "cola", "CoLA", { "unacceptable", "acceptable" }, false, 1 },
        { GlueTask::Sst2, "sst2", "SST-2", { "negative", "positive" }, false, 1 },
        { GlueTask::Mrpc, "mrpc", "MRPC", { "not_equivalent", "equivalent" }, false, 2 },
        { GlueTask::Qqp, "qqp", "QQP", { "not_duplicate", "duplicate" }, false, 2 },
        { GlueTask::Stsb, "stsb", "STS-B", {}, true, 2 },
        { GlueTask::Mnli, "mnli", "MNLI", { "entailment", "neutral", "contradiction" }, false, 2 },
        { GlueTask::Qnli, "qnli", "QNLI", { "entailment", "not_entailment" }, false, 2 },
        { GlueTask::Rte, "rte", "RTE", { "entailment", "not_entailment" }, false, 2 },
        { GlueTask::Wnli, "wnli", "WNLI", { "not_entailment", "entailment" }, false, 2 },
    };
    return table.at(static_cast<std::size_t>(task));
}

FileLayout layout(GlueTask task)
{
    switch (task) {
    case GlueTask::Cola:
        return { { "sentence" }, "label", LabelKind::ZeroOne }; // header of test.tsv only
    case GlueTask::Sst2:
        return { { "sentence" }, "label", LabelKind::ZeroOne };
    case GlueTask::Mrpc:
        return { { "#1 String", "#2 String" }, "Quality", LabelKind::ZeroOne };
    case GlueTask::Qqp:
        return { { "question1", "question2" }, "is_duplicate", LabelKind::ZeroOne };
    case GlueTask::Stsb:
        return { { "sentence1", "sentence2" }, "score", LabelKind::Score };
    case GlueTask::Mnli:
        return { { "sentence1", "sentence2" }, "gold_label", LabelKind::Word };
    case GlueTask::Qnli:
        return { { "question", "sentence" }, "label", LabelKind::Word };
    case GlueTask::Rte:
        return { { "sentence1", "sentence2" }, "label", LabelKind::Word };
    case GlueTask::Wnli:
        return { { "sentence1", "sentence2" }, "label", LabelKind::ZeroOne };
    }
    throw Error("unknown GLUE task");
}

std::string quoted(const std::string &text)
{
    constexpr std::size_t kShown = 60; // enough to recognise the cell, short enough for a status line
    if (text.size() <= kShown)
        return "'" + text + "'";
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // never cut a UTF-8 sequence in half
    return "'" + text.substr(0, cut) + "…'";
}

// Columns of one file, found from its header or fixed for CoLA's headerless train/dev files.
struct Columns
{
    std::vector<std::size_t> text;
    std::size_t label = 0;
    bool hasLabel = false;
    std::size_t fieldCount = 0;
    std::string labelName;
};

Columns columnsFromHeader(GlueTask task, GlueFile file, LineReader &reader)
{
    const FileLayout fileLayout = layout(task);
    const std::string expected = "the header line of GLUE " + info(task).folder + " " + glueFileName(task, file);
    std::string line;
    if (!reader.next(line))
        throw Error::inFile(reader.path(), "the file is empty, expected " + expected);
    const std::vector<std::string> header = splitTabs(line);
    const auto find = [&](const std::string &name) {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end()) {
            throw Error(filePlace(reader.path(), 1) + ": expected " + expected + " with a column '" + name
                + "', found columns: " + joined(header, ", "));
        }
        return static_cast<std::size_t>(it - header.begin());
    };
    Columns columns;
    columns.fieldCount = header.size();
    for (const std::string &name : fileLayout.textColumns)
        columns.text.push_back(find(name));
    if (!isGlueTestFile(file)) {
        columns.label = find(fileLayout.labelColumn);
        columns.hasLabel = true;
        columns.labelName = "column '" + fileLayout.labelColumn + "'";
    }
    return columns;
}

bool parseScore(const std::string &text, double &score)
{
    const char *end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, score);
    return result.ec == std::errc() && result.ptr == end && std::isfinite(score) && score >= 0.0 && score <= 5.0;
}

// Outcome of reading one label cell.
enum class LabelResult { Ok, Bad, Missing };

LabelResult parseLabel(GlueTask task, const std::string &cell, Example &example, std::string &expectation)
{
    const GlueTaskInfo &taskInfo = info(task);
    switch (layout(task).labelKind) {
    case LabelKind::ZeroOne:
        expectation = "0 or 1";
        if (cell.empty())
            return LabelResult::Missing;
        if (cell != "0" && cell != "1")
            return LabelResult::Bad;
        example.label = taskInfo.labelWords[cell == "1" ? 1 : 0];
        return LabelResult::Ok;
    case LabelKind::Word:
        expectation = "one of " + joined(taskInfo.labelWords, ", ");
        if (cell.empty())
            return LabelResult::Missing;
        if (std::find(taskInfo.labelWords.begin(), taskInfo.labelWords.end(), cell) == taskInfo.labelWords.end())
            return LabelResult::Bad;
        example.label = cell;
        return LabelResult::Ok;
    case LabelKind::Score:
        expectation = "a score from 0 to 5";
        if (cell.empty())
            return LabelResult::Missing;
        return parseScore(cell, example.score) ? LabelResult::Ok : LabelResult::Bad;
    }
    return LabelResult::Bad;
}

} // namespace

const std::vector<GlueTask> &allGlueTasks()
{
    static const std::vector<GlueTask> tasks = { GlueTask::Cola, GlueTask::Sst2, GlueTask::Mrpc, GlueTask::Qqp,
        GlueTask::Stsb, GlueTask::Mnli, GlueTask::Qnli, GlueTask::Rte, GlueTask::Wnli };
    return tasks;
}

const GlueTaskInfo &glueTaskInfo(GlueTask task)
{
    return info(task);
}

GlueTask glueTaskFromName(const std::string &name)
{
    std::string key;
    for (const char c : name) {
        if (c != '-' && c != '_')
            key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::vector<std::string> names;
    for (const GlueTask task : allGlueTasks()) {
        if (info(task).name == key)
            return task;
        names.push_back(info(task).name);
    }
    throw Error("unknown GLUE task '" + name + "', expected one of " + joined(names, ", "));
}

std::vector<GlueFile> glueFiles(GlueTask task)
{
    if (task == GlueTask::Mnli)
        return { GlueFile::Train, GlueFile::Dev, GlueFile::DevMismatched, GlueFile::Test, GlueFile::TestMismatched };
    return { GlueFile::Train, GlueFile::Dev, GlueFile::Test };
}

std::string glueFileName(GlueTask task, GlueFile file)
{
    const bool mnli = task == GlueTask::Mnli;
    switch (file) {
    case GlueFile::Train:
        return "train.tsv";
    case GlueFile::Dev:
        return mnli ? "dev_matched.tsv" : "dev.tsv";
    case GlueFile::Test:
        return mnli ? "test_matched.tsv" : "test.tsv";
    case GlueFile::DevMismatched:
    case GlueFile::TestMismatched:
        if (!mnli)
            throw Error("GLUE " + info(task).folder + " has no mismatched files (only MNLI has)");
        return file == GlueFile::DevMismatched ? "dev_mismatched.tsv" : "test_mismatched.tsv";
    }
    throw Error("unknown GLUE file");
}

bool isGlueTestFile(GlueFile file)
{
    return file == GlueFile::Test || file == GlueFile::TestMismatched;
}

Dataset readGlueFile(GlueTask task, GlueFile file, const std::string &path, const ReadOptions &options)
{
    glueFileName(task, file); // rejects a mismatched file of a task other than MNLI
    LineReader reader(path);
    Columns columns;
    if (task == GlueTask::Cola && !isGlueTestFile(file)) {
        // CoLA train/dev: no header; source, label, original annotation mark (often empty), sentence.
        columns.fieldCount = 4;
        columns.text = { 3 };
        columns.label = 1;
        columns.hasLabel = true;
        columns.labelName = "column 2 (label)";
    } else {
        columns = columnsFromHeader(task, file, reader);
    }

    Dataset dataset;
    dataset.source = path;
    const bool qqp = task == GlueTask::Qqp;
    std::string line;
    while (reader.next(line)) {
        if (line.empty())
            continue; // a blank line carries no row (the reference csv reader skips it too)
        const std::string place = filePlace(path, reader.lineNumber());
        const std::vector<std::string> fields = splitTabs(line);
        const std::string counts = "expected " + std::to_string(columns.fieldCount) + " tab-separated fields, found "
            + std::to_string(fields.size());
        if (fields.size() != columns.fieldCount) {
            if (qqp && fields.size() < columns.fieldCount)
                dataset.addSkipped(
                    place + ": QQP row with missing fields (" + counts + "), skipped as the reference reader does");
            else
                rejectRow(dataset, options, place + ": " + counts);
            continue;
        }
        Example example;
        example.line = reader.lineNumber();
        for (const std::size_t column : columns.text)
            example.texts.push_back(fields[column]);
        if (columns.hasLabel) {
            std::string expectation;
            const LabelResult result = parseLabel(task, fields[columns.label], example, expectation);
            if (result == LabelResult::Missing && qqp) {
                dataset.addSkipped(place + ": QQP row with an empty label, skipped as the reference reader does");
                continue;
            }
            if (result != LabelResult::Ok) {
                rejectRow(dataset, options,
                    place + ": expected " + expectation + " in " + columns.labelName + ", found "
                        + quoted(fields[columns.label]));
                continue;
            }
            example.hasLabel = true;
        }
        dataset.examples.push_back(std::move(example));
    }
    return dataset;
}

Dataset readGlueTaskFile(GlueTask task, GlueFile file, const std::string &taskDir, const ReadOptions &options)
{
    const std::string path = (std::filesystem::path(taskDir) / glueFileName(task, file)).string();
    if (!std::filesystem::exists(path)) {
        throw Error::inFile(path,
            "not found; expected the official GLUE " + info(task).folder + " folder holding "
                + glueFileName(task, file));
    }
    return readGlueFile(task, file, path, options);
}

} // namespace ladder
