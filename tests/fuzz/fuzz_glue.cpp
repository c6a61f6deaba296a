// SPDX-License-Identifier: GPL-3.0-or-later
// readGlueFile on arbitrary bytes. Input layout: byte 0 picks the task and file (task = b % 9,
// file = b / 9 among the task's files), byte 1 bit 0 the malformed-row policy; the rest is the
// file. A bad file is a ladder::Error (or skipped rows), never a crash.
#include "FuzzInput.h"

#include "data/GlueTask.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const auto &tasks = ladder::allGlueTasks();
    const ladder::GlueTask task = tasks[data[0] % tasks.size()];
    const std::vector<ladder::GlueFile> files = ladder::glueFiles(task);
    const ladder::GlueFile which = files[(data[0] / tasks.size()) % files.size()];
    ladder::ReadOptions options;
    options.malformedRows = (data[1] & 1) ? ladder::MalformedRowPolicy::Skip : ladder::MalformedRowPolicy::Error;

    static ladder::fuzz::InputFile file("glue.tsv");
    const std::string &path = file.write(data + 2, size - 2);
    try {
        const ladder::Dataset dataset = ladder::readGlueFile(task, which, path, options);
        const ladder::GlueTaskInfo &info = ladder::glueTaskInfo(task);
        for (const ladder::Example &example : dataset.examples) {
            if (example.texts.size() != static_cast<std::size_t>(info.textFieldCount))
                ladder::fuzz::broken("example with " + std::to_string(example.texts.size()) + " texts");
        }
        if (dataset.skipReasons.size() > ladder::Dataset::kMaxSkipReasons)
            ladder::fuzz::broken("more skip reasons kept than the limit");
    } catch (const ladder::Error &) {
    }
    return 0;
}
