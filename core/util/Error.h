// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace ladder {

/// The one exception type core throws for problems a user can act on: a bad file, a bad
/// option, a shape that does not fit. The message names the file (and place) and what was
/// expected, so front ends print it as it is.
class Error : public std::runtime_error
{
public:
    explicit Error(const std::string &message);

    /// "<file>: <what>" — the usual shape of a message about a file.
    static Error inFile(const std::string &path, const std::string &what);
};

} // namespace ladder
