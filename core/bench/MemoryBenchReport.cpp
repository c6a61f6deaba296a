// SPDX-License-Identifier: GPL-3.0-or-later
// Markdown and JSON of a memory bench report.
#include "bench/BenchMethods.h"
#include "bench/MemoryBench.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>

namespace ladder {

namespace {

std::string units(int64_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", paperUnits(bytes));
    return text;
}

std::string fixed(double value, const char *format = "%.2f")
{
    char text[32];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

std::optional<double> predictorError(const MemoryBenchRow &row)
{
    if (!row.measured)
        return std::nullopt;
    return (static_cast<double>(row.predictedAtRun.memory.peak) - static_cast<double>(row.measured->memory.peak))
           / static_cast<double>(row.measured->memory.peak);
}

nlohmann::ordered_json breakdownJson(const MemoryBreakdown &m)
{
    return {{"frozen_weights", m.frozenWeights}, {"trainable_weights", m.trainableWeights},
            {"gradients", m.gradients}, {"optimizer_state", m.optimizerState}, {"activations", m.activations},
            {"peak", m.peak}};
}

} // namespace

MemoryBenchReport memoryBenchFromJson(const std::string &jsonText, const std::string &source)
{
    using Json = nlohmann::json;
    Json json;
    try {
        json = Json::parse(jsonText);
    } catch (const Json::exception &error) {
        throw Error::inFile(source, std::string("not a memory bench JSON document: ") + error.what());
    }
    try {
        MemoryBenchReport report;
        MemoryBenchOptions &o = report.options;
        o.preset = json.at("preset").get<std::string>();
        o.batch = json.at("batch").get<int64_t>();
        o.sourceLength = json.at("source_length").get<int64_t>();
        o.targetLength = json.at("target_length").get<int64_t>();
        report.availableBytes = json.at("available_bytes").get<int64_t>();
        report.budgetBytes = json.at("budget_bytes").get<int64_t>();
        const T5Config config = T5Config::preset(o.preset);
        for (const Json &item : json.at("methods")) {
            MemoryBenchRow row;
            row.method = item.at("method").get<std::string>();
            o.methods.push_back(row.method);
            const BenchMethod bench = benchMethod(row.method);
            row.runBatch = item.at("batch").get<int64_t>();
            row.fitsAtRequest = item.at("fits_at_requested_batch").get<bool>();
            row.predictedAtRequest = predictTrainingMemory(config, bench.method, o.batch, o.sourceLength, o.targetLength);
            if (row.runBatch > 0)
                row.predictedAtRun =
                    predictTrainingMemory(config, bench.method, row.runBatch, o.sourceLength, o.targetLength);
            if (item.contains("measured_bytes")) {
                MemoryStepResult m;
                m.request = {o.preset, row.method, row.runBatch, o.sourceLength, o.targetLength, 1};
                const Json &bytes = item.at("measured_bytes");
                m.memory.frozenWeights = bytes.at("frozen_weights").get<int64_t>();
                m.memory.trainableWeights = bytes.at("trainable_weights").get<int64_t>();
                m.memory.gradients = bytes.at("gradients").get<int64_t>();
                m.memory.optimizerState = bytes.at("optimizer_state").get<int64_t>();
                m.memory.activations = bytes.at("activations").get<int64_t>();
                m.memory.peak = bytes.at("peak").get<int64_t>();
                m.peakForwardBackward = item.at("peak_forward_backward_bytes").get<int64_t>();
                m.peakOptimizer = item.at("peak_optimizer_bytes").get<int64_t>();
                m.stepSeconds = item.at("step_seconds").get<double>();
                m.loss = item.at("loss").get<double>();
                m.processId = item.at("process_id").get<int64_t>();
                m.trainableParameters = item.at("trainable_parameters").get<int64_t>();
                m.totalParameters = item.at("total_parameters").get<int64_t>();
                row.measured = m;
            } else {
                row.failure = item.value("failure", std::string("not measured"));
            }
            report.rows.push_back(row);
        }
        return report;
    } catch (const Json::exception &error) {
        throw Error::inFile(source, std::string("memory bench JSON: ") + error.what());
    }
}

std::string memoryBenchMarkdown(const MemoryBenchReport &report)
{
    const MemoryBenchOptions &o = report.options;
    std::ostringstream out;
    out << "Peak tensor memory of one training step (forward, backward, AdamW step; AdamW's moments already "
           "allocated), "
        << o.preset << ", source " << o.sourceLength << ", target " << o.targetLength << ", fp32 unless noted, "
        << "requested batch " << o.batch << ". Unit: 1000 MiB (bytes / 1024² / 1000, the paper's unit); each "
           "method measured in a fresh process by the memory meter.\n\n";
    out << "| Method | Batch | Frozen | Trainable | Grads | Optimizer | Activations | Peak | Peak bytes | Paper | "
           "Ratio to full | Paper ratio | Predicted (run batch) | Predictor error | Predicted at batch "
        << o.batch << " | Predicted ratio | s/step | Process |\n";
    out << "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    const std::optional<PaperFigure> paperFull = paperFigure("full");
    for (const MemoryBenchRow &row : report.rows) {
        const std::optional<PaperFigure> paper = paperFigure(row.method);
        out << "| " << row.method << " | " << row.runBatch << (row.fitsAtRequest ? "" : " (largest that fits)")
            << " | ";
        if (row.measured) {
            const MemoryBreakdown &m = row.measured->memory;
            out << units(m.frozenWeights) << " | " << units(m.trainableWeights) << " | " << units(m.gradients) << " | "
                << units(m.optimizerState) << " | " << units(m.activations) << " | **" << units(m.peak) << "** | "
                << m.peak << " | ";
        } else {
            out << "— | — | — | — | — | not measured: " << row.failure << " | — | ";
        }
        out << (paper ? fixed(paper->value, "%.1f") + (paper->recalled ? " (recalled)" : "") : "—") << " | ";
        const auto measuredRatio = report.measuredRatioToFull(row);
        out << (measuredRatio ? fixed(*measuredRatio) : "—") << " | ";
        out << (paper && paperFull ? fixed(paper->value / paperFull->value) : "—") << " | ";
        out << (row.runBatch > 0 ? units(row.predictedAtRun.memory.peak) : "—") << " | ";
        const auto error = predictorError(row);
        out << (error ? fixed(100.0 * *error, "%+.1f%%") : "—") << " | ";
        out << units(row.predictedAtRequest.memory.peak) << (row.fitsAtRequest ? "" : " (over budget)") << " | ";
        const auto predictedRatio = report.predictedRatioToFull(row);
        out << (predictedRatio ? fixed(*predictedRatio) : "—") << " | ";
        out << (row.measured ? fixed(row.measured->stepSeconds, "%.1f") : "—") << " | ";
        out << (row.measured ? std::to_string(row.measured->processId) : "—") << " |\n";
    }
    out << "\nMemory budget for a step's tensors: " << units(report.budgetBytes) << " (MemAvailable "
        << units(report.availableBytes) << " less 1.5 GiB for the process). Ratios to full fine-tuning are "
           "measured only where both ran at the same batch; the predicted ratio compares predictions at batch "
        << o.batch << ". Paper figures: T5-base, batch 100, source 128, on a GPU (torch.cuda.max_memory_allocated); "
                      "BitFit and prompt tuning are recalled values, not verified. The LST rows start their side "
                      "network at random (memory does not depend on the values). lst+bf16: frozen backbone and "
                      "ladder inputs in bf16; lst+recompute: side attention recomputes its probabilities in "
                      "backward; lst+both: both.\n";
    return out.str();
}

std::string memoryBenchJson(const MemoryBenchReport &report)
{
    const MemoryBenchOptions &o = report.options;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const MemoryBenchRow &row : report.rows) {
        nlohmann::ordered_json item;
        item["method"] = row.method;
        item["requested_batch"] = o.batch;
        item["batch"] = row.runBatch;
        item["fits_at_requested_batch"] = row.fitsAtRequest;
        if (row.measured) {
            const MemoryStepResult &m = *row.measured;
            item["measured_bytes"] = breakdownJson(m.memory);
            item["measured_peak_paper_units"] = paperUnits(m.memory.peak);
            item["peak_forward_backward_bytes"] = m.peakForwardBackward;
            item["peak_optimizer_bytes"] = m.peakOptimizer;
            item["step_seconds"] = m.stepSeconds;
            item["loss"] = m.loss;
            item["process_id"] = m.processId;
            item["trainable_parameters"] = m.trainableParameters;
            item["total_parameters"] = m.totalParameters;
        } else {
            item["failure"] = row.failure;
        }
        if (const auto paper = paperFigure(row.method))
            item["paper"] = {{"peak_paper_units", paper->value}, {"recalled", paper->recalled}};
        if (const auto ratio = report.measuredRatioToFull(row))
            item["ratio_to_full"] = *ratio;
        if (const auto ratio = report.predictedRatioToFull(row))
            item["predicted_ratio_to_full"] = *ratio;
        item["predicted_at_requested_batch_bytes"] = breakdownJson(row.predictedAtRequest.memory);
        item["predicted_at_requested_batch_paper_units"] = paperUnits(row.predictedAtRequest.memory.peak);
        if (row.runBatch > 0)
            item["predicted_at_batch_bytes"] = breakdownJson(row.predictedAtRun.memory);
        if (const auto error = predictorError(row))
            item["predictor_error"] = *error;
        rows.push_back(item);
    }
    const nlohmann::ordered_json json = {{"preset", o.preset}, {"batch", o.batch}, {"source_length", o.sourceLength},
        {"target_length", o.targetLength}, {"unit", "bytes; paper units are bytes / 1024^2 / 1000"},
        {"available_bytes", report.availableBytes}, {"budget_bytes", report.budgetBytes}, {"methods", rows}};
    return json.dump(2);
}

} // namespace ladder
