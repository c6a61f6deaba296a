// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace ladder {

/// The run database shared by `ladder` and the workbench:
/// `$XDG_DATA_HOME/ladder-workbench/runs.sqlite`, or `~/.local/share/ladder-workbench/runs.sqlite`
/// when XDG_DATA_HOME is unset or not absolute (XDG Base Directory specification).
std::string defaultDatabasePath();

/// The database to use: `override` (a `--db PATH` option) if not empty, else `$LADDER_DB` if
/// set, else defaultDatabasePath().
std::string resolveDatabasePath(const std::string &override = {});

} // namespace ladder
