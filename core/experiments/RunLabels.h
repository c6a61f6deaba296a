// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include. How a run is called wherever runs are listed side
// by side: default run names, the comparison table and the GUI's legends share these labels.
#pragma once

#include <string>

namespace ladder {

/// The method's code name and its main knob, as legends show it: "lst r=8" (reduction
/// factor), "lora r=32" (rank), "adapter r=16" (reduction factor), "prompt n=100" (prompt
/// length), "bitfit", "full". `runConfigJson` is a run configuration (docs/run-config.md) or
/// its "method" object; a knob it leaves out is the method's default. Without a method block
/// (or when the text is not JSON) the label is `fallbackMethod` (e.g. RunRecord::method).
std::string methodLabel(const std::string &runConfigJson, const std::string &fallbackMethod = {});

/// The backbone as a run list shows it: the preset's name, or the model folder's base name
/// ("t5-base" for "/models/t5-base/"). Empty when the configuration names neither.
std::string backboneLabel(const std::string &runConfigJson);

/// The task as a run list shows it: its name ("sst2", "wordnet-lexname"), or for a file task
/// the training file's base name ("reviews.tsv"). Empty when the configuration has no task.
std::string taskLabel(const std::string &runConfigJson);

/// The name a run gets when its configuration gives none:
/// "lora r=32 · wordnet-t5-tiny · wordnet-lexname" (methodLabel · backboneLabel · taskLabel,
/// empty parts left out). Never throws: text that is not JSON gives what it can ("run" at least).
std::string defaultRunName(const std::string &runConfigJson);

} // namespace ladder
