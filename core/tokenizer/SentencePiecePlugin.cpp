// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenizer/SentencePiecePlugin.h"

#include "util/Error.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <system_error>

#ifndef LADDER_PLUGIN_INSTALL_DIR
#define LADDER_PLUGIN_INSTALL_DIR "/usr/local/lib/ladder"
#endif

namespace fs = std::filesystem;

namespace ladder {

namespace {

std::string executableDirectory()
{
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    return error ? std::string() : executable.parent_path().string();
}

bool isFile(const std::string &path)
{
    std::error_code error;
    return fs::is_regular_file(path, error);
}

const char *pluginFromEnvironment()
{
    const char *value = std::getenv(sentencePiecePluginEnvVar);
    return value && *value ? value : nullptr;
}

} // namespace

SentencePiecePlugin::SentencePiecePlugin(std::string path, const LadderSpmApi *api)
    : m_path(std::move(path))
    , m_api(api)
{
}

std::vector<std::string> SentencePiecePlugin::searchPaths()
{
    if (const char *fromEnvironment = pluginFromEnvironment())
        return {fromEnvironment};
    std::vector<std::string> paths;
    const std::string exeDir = executableDirectory();
    if (!exeDir.empty()) {
        paths.push_back((fs::path(exeDir) / sentencePiecePluginFileName).string());
        paths.push_back(
            (fs::path(exeDir) / ".." / "lib" / "ladder" / sentencePiecePluginFileName).lexically_normal().string());
    }
    paths.push_back((fs::path(LADDER_PLUGIN_INSTALL_DIR) / sentencePiecePluginFileName).string());
    return paths;
}

std::string SentencePiecePlugin::locate()
{
    if (const char *fromEnvironment = pluginFromEnvironment()) {
        if (!isFile(fromEnvironment))
            throw Error(std::string(sentencePiecePluginEnvVar) + "=" + fromEnvironment
                        + ": no such file; point " + sentencePiecePluginEnvVar + " at "
                        + sentencePiecePluginFileName + " or unset it");
        return fromEnvironment;
    }
    const std::vector<std::string> paths = searchPaths();
    for (const std::string &path : paths) {
        if (isFile(path))
            return path;
    }
    std::string message = std::string("the sentencepiece plugin ") + sentencePiecePluginFileName
                          + " was not found; looked for:";
    for (const std::string &path : paths)
        message += "\n  " + path;
    message += std::string("\nSet ") + sentencePiecePluginEnvVar + " to the plugin's full path.";
    throw Error(message);
}

SentencePiecePlugin SentencePiecePlugin::open(const std::string &path)
{
    // RTLD_LOCAL | RTLD_DEEPBIND: the plugin and its libsentencepiece resolve their own protobuf
    // 3.14 symbols first, and none of them leak into the process's global scope where LibTorch's
    // protobuf 3.21 lives (ARCHITECTURE.md, hazard 1).
    void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
    if (!handle) {
        const char *reason = dlerror();
        throw Error::inFile(path, std::string("cannot load the sentencepiece plugin: ")
                                      + (reason ? reason : "unknown dlopen error"));
    }
    auto reject = [&](const std::string &what) {
        dlclose(handle);
        return Error::inFile(path, what);
    };
    dlerror();
    void *symbol = dlsym(handle, LADDER_SPM_ENTRY_POINT);
    if (!symbol)
        throw reject(std::string("not a sentencepiece plugin: it exports no ") + LADDER_SPM_ENTRY_POINT);
    const LadderSpmApi *api = reinterpret_cast<LadderSpmApiEntry>(symbol)();
    if (!api)
        throw reject("the sentencepiece plugin returned no function table");
    if (api->abiVersion != LADDER_SPM_ABI_VERSION || api->apiSize < sizeof(LadderSpmApi))
        throw reject("the sentencepiece plugin has ABI version " + std::to_string(api->abiVersion)
                     + ", expected " + std::to_string(LADDER_SPM_ABI_VERSION)
                     + "; it belongs to another build of Ladder Workbench");
    return SentencePiecePlugin(path, api);
}

const SentencePiecePlugin &SentencePiecePlugin::instance()
{
    static std::mutex mutex;
    static std::unique_ptr<const SentencePiecePlugin> plugin;
    std::lock_guard<std::mutex> lock(mutex);
    if (!plugin) {
        const std::string path = locate();
        try {
            plugin = std::make_unique<const SentencePiecePlugin>(open(path));
        } catch (const Error &error) {
            if (pluginFromEnvironment())
                throw Error(std::string(error.what()) + " (from " + sentencePiecePluginEnvVar + ")");
            throw;
        }
    }
    return *plugin;
}

std::string SentencePiecePlugin::takeError(char *error) const
{
    if (!error)
        return "the sentencepiece plugin failed without a message (out of memory?)";
    std::string message(error);
    m_api->freeString(error);
    return message;
}

} // namespace ladder
