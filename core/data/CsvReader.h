// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): RFC 4180 records on top of LineReader.
#pragma once

#include "data/LineReader.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ladder {

/// Reads comma-separated records as RFC 4180 defines them: a field may be quoted with `"`,
/// a quoted field may hold commas, doubled quotes (`""` for one `"`) and line breaks (kept as
/// "\n"), so one record may span several lines. Blank lines between records are ignored.
class CsvReader
{
public:
    explicit CsvReader(const std::string &path);

    /// Reads the next record into @p fields; false at end of file. A record that breaks the
    /// quoting rules (a `"` inside an unquoted field, text after a closing quote) leaves
    /// @p error set to "<file>:<line>: <what>" and @p fields empty; the reader resumes on the
    /// next line. A quoted field still open at end of file throws ladder::Error naming the
    /// line where it opened.
    bool next(std::vector<std::string> &fields, std::string &error);
    /// Line on which the record last returned starts.
    int64_t recordLine() const { return m_recordLine; }
    const std::string &path() const { return m_lines.path(); }

private:
    LineReader m_lines;
    int64_t m_recordLine = 0;
};

} // namespace ladder
