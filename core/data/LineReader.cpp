// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/LineReader.h"

#include "util/Error.h"

#include <filesystem>

namespace ladder {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Length of the UTF-8 sequence starting at text[i], or 0 when it is malformed. Follows the
// well-formed byte table of the Unicode standard (table 3-7).
std::size_t sequenceLength(std::string_view text, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        if (b0 == 0xE0)
            lo = 0xA0; // no overlong 3-byte forms
        else if (b0 == 0xED)
            hi = 0x9F; // no UTF-16 surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        if (b0 == 0xF0)
            lo = 0x90; // no overlong 4-byte forms
        else if (b0 == 0xF4)
            hi = 0x8F; // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi)
        return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    }
    return length;
}

} // namespace

LineReader::LineReader(const std::string &path)
    : m_path(path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw Error::inFile(path, "is a folder, expected a text file");
    m_in.open(path, std::ios::binary);
    if (!m_in)
        throw Error::inFile(path, "cannot open the file for reading (does it exist?)");
}

bool LineReader::next(std::string &line)
{
    if (!std::getline(m_in, line)) {
        if (m_in.bad())
            throw Error(filePlace(m_path, m_line + 1) + ": read error");
        return false;
    }
    ++m_line;
    if (m_line == 1 && line.compare(0, kByteOrderMark.size(), kByteOrderMark) == 0)
        line.erase(0, kByteOrderMark.size());
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    const std::size_t bad = findInvalidUtf8(line);
    if (bad != std::string::npos) {
        throw Error(filePlace(m_path, m_line) + ": invalid UTF-8 at byte " + std::to_string(bad + 1)
            + " (task files must be UTF-8 text)");
    }
    return true;
}

std::size_t findInvalidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = sequenceLength(text, i);
        if (length == 0)
            return i;
        i += length;
    }
    return std::string_view::npos;
}

std::vector<std::string> splitTabs(std::string_view line)
{
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) {
            fields.emplace_back(line.substr(start));
            return fields;
        }
        fields.emplace_back(line.substr(start, tab - start));
        start = tab + 1;
    }
}

std::string filePlace(const std::string &path, int64_t line)
{
    return path + ":" + std::to_string(line);
}

} // namespace ladder
