// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the data reader tests: real files in a temporary folder, readable compares.
#pragma once

#include "util/Error.h"

#include <QString>
#include <QTemporaryDir>

#include <fstream>
#include <functional>
#include <string>

namespace ladder::test {

inline QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

/// Writes @p bytes exactly (no newline translation) to @p name in @p dir; returns the path.
inline std::string writeFile(const QTemporaryDir &dir, const std::string &name, const std::string &bytes)
{
    const std::string path = dir.path().toStdString() + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    return path;
}

/// The ladder::Error message @p action throws, or "" when it throws nothing.
inline std::string errorOf(const std::function<void()> &action)
{
    try {
        action();
    } catch (const Error &e) {
        return e.what();
    }
    return {};
}

} // namespace ladder::test
