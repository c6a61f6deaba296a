// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/RunRecords.h"

#include <string>
#include <vector>

namespace ladder {

class RunStore;

/// The runs with all their data as one JSON document
/// (`{"format": "ladder-runs", "version": 1, "runs": [...]}`); importRunsJson() reads it back.
/// Non-finite values are written as the strings "NaN", "Infinity", "-Infinity".
std::string exportRunsJson(const RunStore &store, const std::vector<RunId> &runs);

/// The runs' curves as CSV in long form, one row per value:
/// `run_id,run_name,kind,series,step,wall_time,value` where kind is metric, memory
/// (series = category), evaluation (series = split/metric), gate (series = layer number) or
/// checkpoint (value = path).
std::string exportRunsCsv(const RunStore &store, const std::vector<RunId> &runs);

/// Imports every run of a JSON export into `store` under new ids, returned in document order.
/// `sourceName` names the input in error messages. All or nothing: a bad document imports no run.
std::vector<RunId> importRunsJson(RunStore &store, const std::string &json, const std::string &sourceName);
/// Reads `path` and imports it.
std::vector<RunId> importRunsJsonFile(RunStore &store, const std::string &path);

} // namespace ladder
