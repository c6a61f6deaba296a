// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/RunRecords.h"

#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace ladder {

namespace {

const char *const kStatusNames[] = { "queued", "running", "paused", "finished", "stopped", "failed", "interrupted" };

bool sameValue(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

std::string runStatusName(RunStatus status)
{
    return kStatusNames[static_cast<int>(status)];
}

RunStatus runStatusFromName(const std::string &name)
{
    for (RunStatus status : allRunStatuses()) {
        if (name == kStatusNames[static_cast<int>(status)])
            return status;
    }
    throw Error("unknown run status \"" + name
        + "\"; expected one of queued, running, paused, finished, stopped, failed, interrupted");
}

const std::vector<RunStatus> &allRunStatuses()
{
    static const std::vector<RunStatus> all { RunStatus::Queued, RunStatus::Running, RunStatus::Paused,
        RunStatus::Finished, RunStatus::Stopped, RunStatus::Failed, RunStatus::Interrupted };
    return all;
}

bool metricLowerIsBetter(const std::string &metric)
{
    std::string lower = metric;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char *word : { "loss", "perplexity", "error" }) {
        if (lower.find(word) != std::string::npos)
            return true;
    }
    return false;
}

bool operator==(const HostFacts &a, const HostFacts &b)
{
    return a.hostName == b.hostName && a.cpu == b.cpu && a.threads == b.threads
        && a.libtorchVersion == b.libtorchVersion && a.appVersion == b.appVersion
        && a.device == b.device;
}

bool operator==(const RunRecord &a, const RunRecord &b)
{
    return a.id == b.id && a.name == b.name && a.status == b.status && sameValue(a.createdAt, b.createdAt)
        && sameValue(a.startedAt, b.startedAt) && sameValue(a.finishedAt, b.finishedAt) && a.method == b.method
        && a.backbone == b.backbone && a.task == b.task && a.configJson == b.configJson && a.configHash == b.configHash
        && a.seed == b.seed && a.trainableParameters == b.trainableParameters && a.totalParameters == b.totalParameters
        && a.host == b.host && a.notes == b.notes && a.tags == b.tags;
}

bool operator==(const SeriesPoint &a, const SeriesPoint &b)
{
    return a.step == b.step && sameValue(a.wallTime, b.wallTime) && sameValue(a.value, b.value);
}

bool operator==(const MemorySample &a, const MemorySample &b)
{
    return a.category == b.category && a.step == b.step && sameValue(a.wallTime, b.wallTime) && a.bytes == b.bytes;
}

bool operator==(const EvaluationRecord &a, const EvaluationRecord &b)
{
    return a.split == b.split && a.metric == b.metric && a.step == b.step && sameValue(a.wallTime, b.wallTime)
        && sameValue(a.value, b.value);
}

bool operator==(const GateValue &a, const GateValue &b)
{
    return a.layer == b.layer && a.step == b.step && sameValue(a.value, b.value);
}

bool operator==(const CheckpointRecord &a, const CheckpointRecord &b)
{
    return a.step == b.step && sameValue(a.wallTime, b.wallTime) && a.path == b.path;
}

bool operator==(const RunData &a, const RunData &b)
{
    return a.run == b.run && a.series == b.series && a.memory == b.memory && a.evaluations == b.evaluations
        && a.gates == b.gates && a.checkpoints == b.checkpoints;
}

} // namespace ladder
