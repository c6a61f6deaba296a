// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/TaskFiles.h"

#include "data/CsvReader.h"
#include "data/LineReader.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>

namespace ladder {

namespace fs = std::filesystem;

namespace {

/// The task a folder is named for, if its name is one of GLUE's (forgiving case, '-' and '_').
std::optional<GlueTask> taskNamedBy(const fs::path &folder)
{
    fs::path name = folder.filename();
    if (name.empty()) // "/data/glue/SST-2/" names its folder before the last separator
        name = folder.parent_path().filename();
    try {
        return glueTaskFromName(name.string());
    } catch (const Error &) {
        return std::nullopt;
    }
}

/// The files a run reads (readPaperSplits): train and the dev file(s).
bool hasRunFiles(GlueTask task, const fs::path &dir)
{
    std::vector<GlueFile> needed{GlueFile::Train, GlueFile::Dev};
    if (task == GlueTask::Mnli)
        needed.push_back(GlueFile::DevMismatched);
    std::error_code error;
    for (GlueFile file : needed)
        if (!fs::is_regular_file(dir / glueFileName(task, file), error))
            return false;
    return true;
}

} // namespace

std::vector<GlueTaskFolder> findGlueTasks(const std::string &folder)
{
    const fs::path root(folder);
    std::error_code error;
    if (!fs::is_directory(root, error))
        throw Error(folder + ": not a folder");
    std::vector<fs::path> candidates{root.lexically_normal()};
    for (const fs::directory_entry &entry : fs::directory_iterator(root, error))
        if (entry.is_directory(error))
            candidates.push_back(entry.path());
    if (error)
        throw Error(folder + ": cannot list the folder (" + error.message() + ")");
    std::vector<GlueTaskFolder> found;
    for (GlueTask task : allGlueTasks()) {
        for (const fs::path &dir : candidates) {
            const std::optional<GlueTask> named = taskNamedBy(dir);
            if (named == task && hasRunFiles(task, dir)) {
                found.push_back({task, glueTaskInfo(task).name, dir.string()});
                break;
            }
        }
    }
    return found;
}

std::vector<std::string> readTableColumns(const std::string &path, TableFormat format)
{
    if (format == TableFormat::Csv) {
        CsvReader reader(path);
        std::vector<std::string> fields;
        std::string error;
        if (!reader.next(fields, error))
            throw Error(path + ": empty file (expected a header line naming the columns)");
        if (!error.empty())
            throw Error(error);
        return fields;
    }
    LineReader lines(path);
    std::string line;
    if (!lines.next(line))
        throw Error(path + ": empty file (expected " + (format == TableFormat::Tsv ? "a header line naming the columns)" : "one JSON object per line)"));
    if (format == TableFormat::Tsv)
        return splitTabs(line);
    // ordered_json keeps the keys in the order the file writes them.
    nlohmann::ordered_json object;
    try {
        object = nlohmann::ordered_json::parse(line);
    } catch (const nlohmann::json::exception &e) {
        throw Error(filePlace(path, lines.lineNumber()) + ": invalid JSON (" + e.what() + ")");
    }
    if (!object.is_object())
        throw Error(filePlace(path, lines.lineNumber()) + ": expected a JSON object");
    std::vector<std::string> keys;
    for (const auto &item : object.items())
        keys.push_back(item.key());
    return keys;
}

} // namespace ladder
