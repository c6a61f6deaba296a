// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/CsvReader.h"

#include "util/Error.h"

namespace ladder {

CsvReader::CsvReader(const std::string &path)
    : m_lines(path)
{
}

bool CsvReader::next(std::vector<std::string> &fields, std::string &error)
{
    fields.clear();
    error.clear();
    std::string line;
    do {
        if (!m_lines.next(line))
            return false;
    } while (line.empty());
    m_recordLine = m_lines.lineNumber();

    std::string field;
    bool quoted = false; // inside a quoted field
    bool afterQuote = false; // a quoted field just closed: only ',' or end of line may follow
    std::size_t i = 0;
    int64_t quoteLine = m_recordLine;
    const auto fail = [&](const std::string &what) {
        fields.clear();
        error = filePlace(path(), m_lines.lineNumber()) + ": " + what;
        return true;
    };
    while (true) {
        if (i == line.size()) {
            if (!quoted) {
                fields.push_back(std::move(field));
                return true;
            }
            // The quoted field goes on: the line break belongs to it.
            if (!m_lines.next(line))
                throw Error(
                    filePlace(path(), quoteLine) + ": quoted field never closed (missing '\"' before end of file)");
            field += '\n';
            i = 0;
            continue;
        }
        const char c = line[i++];
        if (quoted) {
            if (c != '"') {
                field += c;
            } else if (i < line.size() && line[i] == '"') {
                field += '"';
                ++i;
            } else {
                quoted = false;
                afterQuote = true;
            }
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
            afterQuote = false;
        } else if (afterQuote) {
            return fail("unexpected text after a closing quote at byte " + std::to_string(i)
                + " (expected ',' or the end of the record)");
        } else if (c == '"') {
            if (!field.empty()) {
                return fail("unexpected '\"' inside an unquoted field at byte " + std::to_string(i)
                    + " (quote the whole field and double the quote)");
            }
            quoted = true;
            quoteLine = m_lines.lineNumber();
        } else {
            field += c;
        }
    }
}

} // namespace ladder
