// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Error.h"

namespace ladder {

Error::Error(const std::string &message)
    : std::runtime_error(message)
{
}

Error Error::inFile(const std::string &path, const std::string &what)
{
    return Error(path + ": " + what);
}

} // namespace ladder
