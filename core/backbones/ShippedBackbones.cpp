// SPDX-License-Identifier: GPL-3.0-or-later
#include "backbones/ShippedBackbones.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <system_error>

#ifndef LADDER_SOURCE_BACKBONES_DIR
#define LADDER_SOURCE_BACKBONES_DIR ""
#endif
#ifndef LADDER_BACKBONES_INSTALL_DIR
#define LADDER_BACKBONES_INSTALL_DIR "/usr/local/share/ladder-workbench/backbones"
#endif

namespace ladder {

namespace fs = std::filesystem;

namespace {

std::string executableDirectory()
{
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    return error ? std::string() : executable.parent_path().string();
}

/// Letters, digits, '.', '_' and '-' only, not starting with '.': never a path.
bool isPlainName(const std::string &name)
{
    if (name.empty() || name.front() == '.')
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
            || c == '-';
    });
}

bool holdsBackbone(const fs::path &folder)
{
    std::error_code error;
    return fs::is_regular_file(folder / "config.json", error) && fs::is_regular_file(folder / "model.safetensors", error);
}

} // namespace

std::vector<std::string> shippedBackboneSearchDirs()
{
    if (const char *dir = std::getenv(shippedBackbonesEnvVar); dir != nullptr && *dir != '\0')
        return {dir};
    std::vector<std::string> dirs;
    const std::string exeDir = executableDirectory();
    if (!exeDir.empty())
        dirs.push_back((fs::path(exeDir) / ".." / "share" / "ladder-workbench" / "backbones").lexically_normal().string());
    if (*LADDER_SOURCE_BACKBONES_DIR != '\0')
        dirs.emplace_back(LADDER_SOURCE_BACKBONES_DIR);
    dirs.emplace_back(LADDER_BACKBONES_INSTALL_DIR);
    return dirs;
}

std::string findShippedBackbone(const std::string &name)
{
    if (!isPlainName(name))
        return {};
    for (const std::string &dir : shippedBackboneSearchDirs()) {
        const fs::path folder = fs::path(dir) / name;
        if (holdsBackbone(folder))
            return folder.string();
    }
    return {};
}

std::vector<std::string> shippedBackboneNames()
{
    std::set<std::string> names;
    for (const std::string &dir : shippedBackboneSearchDirs()) {
        std::error_code error;
        for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
            const std::string name = it->path().filename().string();
            if (isPlainName(name) && holdsBackbone(it->path()))
                names.insert(name);
        }
    }
    return {names.begin(), names.end()};
}

} // namespace ladder
