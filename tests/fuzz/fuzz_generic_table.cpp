// SPDX-License-Identifier: GPL-3.0-or-later
// readGenericFile (TSV, CSV, JSONL) on arbitrary bytes. Byte 0 picks the spec: bits 0-1 the
// format (tsv, csv, jsonl), bit 2 regression, bit 3 label optional, bit 4 skip malformed rows,
// bit 5 two text columns ("premise", "hypothesis") instead of one ("text"); the rest is the file.
#include "FuzzInput.h"

#include "data/GenericTask.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::uint8_t flags = data[0];
    ladder::GenericTaskSpec spec;
    const ladder::TableFormat formats[] = { ladder::TableFormat::Tsv, ladder::TableFormat::Csv,
        ladder::TableFormat::Jsonl, ladder::TableFormat::Tsv };
    spec.format = formats[flags & 3];
    spec.regression = flags & 4;
    spec.requireLabel = !(flags & 8);
    spec.textColumns = (flags & 32) ? std::vector<std::string> { "premise", "hypothesis" }
                                    : std::vector<std::string> { "text" };
    ladder::ReadOptions options;
    options.malformedRows = (flags & 16) ? ladder::MalformedRowPolicy::Skip : ladder::MalformedRowPolicy::Error;

    static ladder::fuzz::InputFile file("task.data");
    const std::string &path = file.write(data + 1, size - 1);
    try {
        const ladder::Dataset dataset = ladder::readGenericFile(path, spec, options);
        for (const ladder::Example &example : dataset.examples) {
            if (example.texts.size() != spec.textColumns.size())
                ladder::fuzz::broken("example with " + std::to_string(example.texts.size()) + " texts");
        }
        if (!spec.regression)
            (void)ladder::collectLabels(dataset);
    } catch (const ladder::Error &) {
    }
    return 0;
}
