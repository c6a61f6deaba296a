// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/DataLocation.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace ladder {

namespace {

std::string homeDirectory()
{
    if (const char *home = std::getenv("HOME"); home && *home)
        return home;
    // No HOME (a service, a stripped environment): the password database still knows.
    if (const passwd *entry = getpwuid(getuid()); entry && entry->pw_dir)
        return entry->pw_dir;
    return ".";
}

} // namespace

std::string defaultDatabasePath()
{
    std::string dataHome;
    // The XDG specification says relative values are invalid and must be ignored.
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && xdg[0] == '/')
        dataHome = xdg;
    else
        dataHome = homeDirectory() + "/.local/share";
    return dataHome + "/ladder-workbench/runs.sqlite";
}

std::string resolveDatabasePath(const std::string &override)
{
    if (!override.empty())
        return override;
    if (const char *env = std::getenv("LADDER_DB"); env && *env)
        return env;
    return defaultDatabasePath();
}

} // namespace ladder
