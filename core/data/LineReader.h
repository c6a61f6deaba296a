// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): line-level access to UTF-8 text files, shared by every task reader.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace ladder {

/// Reads a UTF-8 text file one line at a time. It drops a byte-order mark at the start of the
/// file and the LF or CRLF terminator of each line, and checks every line for valid UTF-8:
/// a bad byte throws ladder::Error "<file>:<line>: invalid UTF-8 at byte N" (N counts bytes
/// of that line from 1), because a mis-decoded file would otherwise train on garbage quietly.
class LineReader
{
public:
    /// Opens @p path; throws ladder::Error when it is missing, a folder or unreadable.
    explicit LineReader(const std::string &path);

    /// Stores the next line (without terminator) in @p line; false at end of file.
    bool next(std::string &line);
    /// 1-based number of the line last returned by next().
    int64_t lineNumber() const { return m_line; }
    const std::string &path() const { return m_path; }

private:
    std::string m_path;
    std::ifstream m_in;
    int64_t m_line = 0;
};

/// Offset (from 0) of the first byte of @p text that is not part of well-formed UTF-8
/// (overlong forms, surrogates and code points above U+10FFFF count as invalid), or npos.
std::size_t findInvalidUtf8(std::string_view text);

/// Splits a GLUE-style TSV line on tabs only; quote characters are ordinary text.
std::vector<std::string> splitTabs(std::string_view line);

/// "<path>:<line>", the prefix of every message about a row.
std::string filePlace(const std::string &path, int64_t line);

} // namespace ladder
