// SPDX-License-Identifier: GPL-3.0-or-later
// The line layer under every task reader on arbitrary bytes: LineReader (BOM, CRLF, UTF-8
// checks), splitTabs, and CsvReader's RFC 4180 records over the same file.
#include "FuzzInput.h"

#include "data/CsvReader.h"
#include "data/LineReader.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static ladder::fuzz::InputFile file("lines.txt");
    const std::string &path = file.write(data, size);
    const std::string_view raw(reinterpret_cast<const char *>(data), size);
    const std::size_t invalid = ladder::findInvalidUtf8(raw);
    if (invalid != std::string_view::npos && invalid >= size)
        ladder::fuzz::broken("findInvalidUtf8 answered an offset past the end");
    try {
        ladder::LineReader lines(path);
        std::string line;
        while (lines.next(line)) {
            if (ladder::findInvalidUtf8(line) != std::string_view::npos)
                ladder::fuzz::broken("LineReader returned a line of invalid UTF-8");
            (void)ladder::splitTabs(line);
        }
    } catch (const ladder::Error &) {
    }
    try {
        ladder::CsvReader csv(path);
        std::vector<std::string> fields;
        std::string error;
        while (csv.next(fields, error)) {
            if (!error.empty() && !fields.empty())
                ladder::fuzz::broken("CsvReader returned fields with an error");
            error.clear();
        }
    } catch (const ladder::Error &) {
    }
    return 0;
}
