// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): what a folder or a table file offers before a run reads it — which GLUE
// tasks a folder holds, and the column names of a user's TSV, CSV or JSONL file.
#pragma once

#include "data/GenericTask.h"
#include "data/GlueTask.h"

#include <string>
#include <vector>

namespace ladder {

/// One GLUE task found on disk: its engine name ("sst2") and the folder to put in task.dir.
struct GlueTaskFolder
{
    GlueTask task;
    std::string name;
    std::string dir;
};

/// The GLUE tasks under @p folder, in GLUE's order: @p folder itself when it is one task's folder
/// as GLUE distributes it (named "SST-2", "sst2", …), and each such sub-folder. A task counts as
/// present when its train file and its dev file(s) exist, which is what a run reads. Throws
/// ladder::Error when @p folder is not a readable folder.
std::vector<GlueTaskFolder> findGlueTasks(const std::string &folder);

/// The column names of a table file: the header fields of TSV (split on tabs) and CSV (RFC 4180),
/// the keys of the first JSON object of JSONL, in file order. Throws ladder::Error naming
/// "<file>:<line>" for an empty file, invalid UTF-8 or JSON, or a first line that is no object.
std::vector<std::string> readTableColumns(const std::string &path, TableFormat format);

} // namespace ladder
