// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/Example.h"

#include "data/RowErrors.h"
#include "util/Error.h"

namespace ladder {

void Dataset::addSkipped(const std::string &reason)
{
    ++skippedRows;
    if (skipReasons.size() < kMaxSkipReasons)
        skipReasons.push_back(reason);
}

void rejectRow(Dataset &dataset, const ReadOptions &options, const std::string &message)
{
    if (options.malformedRows == MalformedRowPolicy::Error)
        throw Error(message);
    dataset.addSkipped(message);
}

} // namespace ladder
