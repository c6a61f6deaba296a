// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/data: one place that applies MalformedRowPolicy.
#pragma once

#include "data/Example.h"

#include <string>

namespace ladder {

/// A row could not be parsed: throws ladder::Error(@p message) under MalformedRowPolicy::Error,
/// otherwise counts the row as skipped in @p dataset with @p message as the reason.
void rejectRow(Dataset &dataset, const ReadOptions &options, const std::string &message);

} // namespace ladder
