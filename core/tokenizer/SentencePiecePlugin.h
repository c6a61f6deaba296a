// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tokenizer/plugin/SentencePiecePluginAbi.h"

#include <string>
#include <vector>

namespace ladder {

/// The environment variable naming the plugin file (a full path) to use instead of searching.
inline constexpr const char *sentencePiecePluginEnvVar = "LADDER_SPM_PLUGIN";
/// The plugin's file name, as built into bin/ and installed into lib/ladder/.
inline constexpr const char *sentencePiecePluginFileName = "libladder_spm.so";

/// The sentencepiece plugin (libladder_spm.so), opened at run time. sentencepiece cannot be linked
/// into a process that links LibTorch (their protobuf copies clash at static initialisation,
/// ARCHITECTURE.md hazard 1), so it lives in a MODULE library opened with
/// RTLD_LOCAL | RTLD_DEEPBIND, which keeps its protobuf symbols out of everyone else's way.
/// Internal to core: front ends use SentencePieceTokenizer.
class SentencePiecePlugin
{
public:
    /// The plugin of this process, located and opened on first use (thread-safe) and kept open
    /// until exit. Throws ladder::Error when no usable plugin is found; a later call tries again.
    static const SentencePiecePlugin &instance();

    /// The files instance() tries, in order: $LADDER_SPM_PLUGIN alone when set; otherwise the
    /// running executable's directory, <exe dir>/../lib/ladder/ and the install directory.
    static std::vector<std::string> searchPaths();

    /// The file instance() would open. Throws ladder::Error naming $LADDER_SPM_PLUGIN when it
    /// is set to a missing file, or listing the places searched when none holds the plugin.
    static std::string locate();

    /// Opens one plugin file and checks its ABI version; throws ladder::Error naming the file.
    /// The library stays loaded until exit (sentencepiece's static state is not meant to unload).
    static SentencePiecePlugin open(const std::string &path);

    const LadderSpmApi &api() const { return *m_api; }
    const std::string &path() const { return m_path; }

    /// The text of an error the plugin returned, released with the plugin's allocator.
    std::string takeError(char *error) const;

private:
    SentencePiecePlugin(std::string path, const LadderSpmApi *api);

    std::string m_path;
    const LadderSpmApi *m_api;
};

} // namespace ladder
