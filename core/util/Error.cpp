// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Error.h"

#include "util/UserMessage.h"

namespace ladder {

Error::Error(const std::string &message)
    : std::runtime_error(withoutLibraryCodes(message))
{
}

std::string withoutLibraryCodes(const std::string &message)
{
    static const std::string marker = "[json.exception.";
    std::string text;
    std::size_t from = 0;
    while (true) {
        const std::size_t at = message.find(marker, from);
        const std::size_t close = at == std::string::npos ? at : message.find("] ", at);
        if (close == std::string::npos) {
            text.append(message, from, std::string::npos);
            return text;
        }
        text.append(message, from, at - from);
        from = close + 2;
    }
}

Error Error::inFile(const std::string &path, const std::string &what)
{
    return Error(path + ": " + what);
}

} // namespace ladder
