// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunDesigner.h"

#include "corpus/DemoTasks.h"
#include "model/T5Config.h"
#include "pretrain/ShippedBackbones.h"
#include "train/MemoryPredictor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <exception>

namespace ladder {

namespace {

constexpr int kFolderRole = Qt::UserRole + 1;
// The task combo's entry for a loaded run's GLUE or file task, which the form cannot edit but
// must keep (a stored run loaded into the designer trains on what it trained on).
const QString kLoadedTask = QStringLiteral("loaded");

QString mebibytes(int64_t bytes)
{
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
}

QSpinBox *spinBox(int minimum, int maximum, int value, const QString &special = {})
{
    auto *box = new QSpinBox;
    box->setRange(minimum, maximum);
    box->setValue(value);
    if (!special.isEmpty())
        box->setSpecialValueText(special);
    return box;
}

/// The option's value in a method's JSON object, as the JSON text a user would type.
QString optionText(const std::string &methodJson, const std::string &key)
{
    const nlohmann::json json = nlohmann::json::parse(methodJson);
    if (!json.contains(key))
        return {};
    const nlohmann::json &value = json.at(key);
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

} // namespace

RunDesigner::RunDesigner(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);

    auto *modelBox = new QGroupBox(tr("Backbone and method"));
    auto *modelForm = new QFormLayout(modelBox);
    m_backbone = new QComboBox;
    m_backbone->setObjectName(QStringLiteral("backbone"));
    // Pretrained teaching backbones found by name first (`ladder pretrain`), then the random shapes.
    for (const std::string &name : shippedBackboneNames())
        m_backbone->addItem(QString::fromStdString(name));
    for (const std::string &name : T5Config::presetNames())
        m_backbone->addItem(QString::fromStdString(name));
    m_backbone->addItem(tr("HuggingFace folder…"), QStringLiteral("choose"));
    m_backbone->setToolTip(tr("wordnet-* backbones were pretrained by `ladder pretrain`; the t5-* shapes "
                              "start from random weights; a HuggingFace T5 folder (config.json, "
                              "model.safetensors, spiece.model) brings its own."));
    modelForm->addRow(tr("Backbone"), m_backbone);
    m_method = new QComboBox;
    m_method->setObjectName(QStringLiteral("method"));
    for (MethodKind kind : allMethodKinds())
        m_method->addItem(QString::fromStdString(methodName(kind)), static_cast<int>(kind));
    modelForm->addRow(tr("Method"), m_method);
    layout->addWidget(modelBox);

    auto *optionsBox = new QGroupBox(tr("Method options"));
    m_methodForm = new QFormLayout(optionsBox);
    layout->addWidget(optionsBox);

    auto *taskBox = new QGroupBox(tr("Task and training"));
    auto *taskForm = new QFormLayout(taskBox);
    m_task = new QComboBox;
    m_task->setObjectName(QStringLiteral("task"));
    for (const DemoTaskInfo &info : demoTaskInfos()) {
        m_task->addItem(QString::fromStdString(info.name));
        m_task->setItemData(m_task->count() - 1, QString::fromStdString(info.description), Qt::ToolTipRole);
    }
    taskForm->addRow(tr("Task"), m_task);
    m_trainSize = spinBox(16, 100000, 2000);
    taskForm->addRow(tr("Training examples"), m_trainSize);
    m_batchSize = spinBox(1, 4096, 32);
    m_batchSize->setObjectName(QStringLiteral("batchSize"));
    taskForm->addRow(tr("Batch size"), m_batchSize);
    m_maxSteps = spinBox(0, 10000000, 0, tr("epochs decide"));
    m_maxSteps->setObjectName(QStringLiteral("maxSteps"));
    taskForm->addRow(tr("Steps"), m_maxSteps);
    m_learningRate = new QDoubleSpinBox;
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(0.0, 10.0);
    m_learningRate->setSingleStep(0.0001);
    m_learningRate->setSpecialValueText(tr("the paper's rate"));
    taskForm->addRow(tr("Learning rate"), m_learningRate);
    m_evalEvery = spinBox(0, 1000000, 200, tr("epoch end"));
    taskForm->addRow(tr("Evaluate every"), m_evalEvery);
    m_precision = new QComboBox;
    m_precision->addItems({QStringLiteral("fp32"), QStringLiteral("bf16")});
    m_precision->setToolTip(tr("bf16: mixed precision (fp32 weights and optimizer state, bf16 products)"));
    taskForm->addRow(tr("Precision"), m_precision);
    m_seed = spinBox(0, 1000000, 0);
    taskForm->addRow(tr("Seed"), m_seed);
    layout->addWidget(taskBox);

    auto *planBox = new QGroupBox(tr("Before it runs: the predictor"));
    auto *planLayout = new QVBoxLayout(planBox);
    m_plan = new QLabel;
    m_plan->setObjectName(QStringLiteral("plan"));
    m_plan->setTextFormat(Qt::RichText);
    m_plan->setWordWrap(true);
    planLayout->addWidget(m_plan);
    layout->addWidget(planBox);
    layout->addStretch(1);

    connect(m_backbone, &QComboBox::activated, this, [this](int index) {
        if (m_backbone->itemData(index).toString() != QStringLiteral("choose"))
            return;
        const QString dir = QFileDialog::getExistingDirectory(this, tr("HuggingFace T5 folder"));
        if (dir.isEmpty()) {
            m_backbone->setCurrentIndex(0);
            return;
        }
        m_backbone->insertItem(index, dir, kFolderRole);
        m_backbone->setCurrentIndex(index);
    });
    connect(m_method, &QComboBox::currentIndexChanged, this, &RunDesigner::rebuildMethodOptions);
    for (QComboBox *box : {m_backbone, m_method, m_task, m_precision})
        connect(box, &QComboBox::currentIndexChanged, this, &RunDesigner::configChanged);
    for (QSpinBox *box : {m_trainSize, m_batchSize, m_maxSteps, m_evalEvery, m_seed})
        connect(box, &QSpinBox::valueChanged, this, &RunDesigner::configChanged);
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, &RunDesigner::configChanged);
    connect(this, &RunDesigner::configChanged, this, &RunDesigner::updatePlan);

    setConfig(demoConfig());
}

RunConfig RunDesigner::demoConfig()
{
    RunConfig config;
    config.method.kind = MethodKind::Lst;
    config.task.kind = "demo";
    // The shipped pretrained backbone on a real task from the same offline source: the re-weighting
    // methods need pretrained features (on random weights they stay at chance).
    config.backbone.preset = "wordnet-t5-tiny";
    config.task.name = "wordnet-lexname";
    config.train.maxSteps = 600;
    // The paper's 3e-3 is tuned for t5-base; this narrow side network learns faster at 1e-2.
    // Measured with `ladder train` on this configuration (one thread, a busy 2-core machine):
    // validation accuracy 16.5% (chance) at step 50, 64.5% at 300, test 71.5% at 600, in 40 s.
    config.train.learningRate = 1e-2;
    config.train.evalEvery = 50;
    config.train.maxSourceLength = 64;
    config.train.maxTargetLength = 8;
    return config;
}

void RunDesigner::setConfig(const RunConfig &config)
{
    m_loaded = config;
    const QSignalBlocker blockers[] = {QSignalBlocker(m_backbone), QSignalBlocker(m_method), QSignalBlocker(m_task),
        QSignalBlocker(m_trainSize), QSignalBlocker(m_batchSize), QSignalBlocker(m_maxSteps),
        QSignalBlocker(m_learningRate), QSignalBlocker(m_evalEvery), QSignalBlocker(m_precision),
        QSignalBlocker(m_seed)};
    if (config.backbone.path.empty()) {
        m_backbone->setCurrentText(QString::fromStdString(config.backbone.preset));
    } else {
        const QString dir = QString::fromStdString(config.backbone.path);
        if (m_backbone->findText(dir) < 0)
            m_backbone->insertItem(m_backbone->count() - 1, dir, kFolderRole);
        m_backbone->setCurrentText(dir);
    }
    m_method->setCurrentIndex(m_method->findData(static_cast<int>(config.method.kind)));
    if (const int loaded = m_task->findData(kLoadedTask); loaded >= 0)
        m_task->removeItem(loaded);
    if (config.task.kind == "demo") {
        m_task->setCurrentText(QString::fromStdString(config.task.name));
    } else {
        const std::string &name = config.task.kind == "file" ? config.task.train : config.task.name;
        m_task->addItem(tr("%1: %2 (as loaded)").arg(QString::fromStdString(config.task.kind), QString::fromStdString(name)),
            kLoadedTask);
        m_task->setCurrentIndex(m_task->count() - 1);
    }
    m_trainSize->setValue(static_cast<int>(config.task.trainSize));
    m_batchSize->setValue(static_cast<int>(config.train.batchSize));
    m_maxSteps->setValue(static_cast<int>(config.train.maxSteps));
    m_learningRate->setValue(config.train.learningRate);
    m_evalEvery->setValue(static_cast<int>(config.train.evalEvery));
    m_precision->setCurrentText(QString::fromStdString(config.train.precision));
    m_seed->setValue(static_cast<int>(config.train.seed));
    rebuildMethodOptions();
    // Show the options that differ from the method's defaults.
    const std::string json = config.method.toJson();
    MethodConfig defaults;
    defaults.kind = config.method.kind;
    const std::string defaultJson = defaults.toJson();
    for (const auto &[key, edit] : m_methodEdits) {
        const QString value = optionText(json, key.toStdString());
        if (value != optionText(defaultJson, key.toStdString()))
            edit->setText(value);
    }
    updatePlan();
}

void RunDesigner::rebuildMethodOptions()
{
    while (m_methodForm->rowCount() > 0)
        m_methodForm->removeRow(0);
    m_methodEdits.clear();
    const auto kind = static_cast<MethodKind>(m_method->currentData().toInt());
    const std::vector<OptionDescription> options = describeMethodOptions(kind);
    if (options.empty())
        m_methodForm->addRow(new QLabel(tr("(no options)")));
    for (const OptionDescription &option : options) {
        auto *edit = new QLineEdit;
        const QString key = QString::fromStdString(option.key);
        edit->setObjectName(QStringLiteral("method.") + key);
        edit->setPlaceholderText(QString::fromStdString(option.defaultValue));
        edit->setToolTip(QString::fromStdString(option.description));
        connect(edit, &QLineEdit::editingFinished, this, &RunDesigner::configChanged);
        m_methodForm->addRow(key, edit);
        m_methodEdits.append({key, edit});
    }
}

std::optional<RunConfig> RunDesigner::config(QString *error) const
{
    RunConfig config = m_loaded;
    try {
        const int backbone = m_backbone->currentIndex();
        if (m_backbone->itemData(backbone).toInt() == kFolderRole) {
            config.backbone.path = m_backbone->currentText().toStdString();
        } else {
            config.backbone.path.clear();
            config.backbone.preset = m_backbone->currentText().toStdString();
        }
        // Options are applied as `--set method.key=value` would be: the same checks, the same
        // messages naming the key.
        MethodConfig method;
        method.kind = static_cast<MethodKind>(m_method->currentData().toInt());
        config.method = method;
        for (const auto &[key, edit] : m_methodEdits) {
            const QString text = edit->text().trimmed();
            if (!text.isEmpty())
                config.applyOverride(QString(QStringLiteral("method.") + key + QLatin1Char('=') + text).toStdString());
        }
        if (m_task->currentData().toString() != kLoadedTask) {
            config.task.kind = "demo";
            config.task.name = m_task->currentText().toStdString();
            config.task.trainSize = m_trainSize->value();
        }
        config.train.batchSize = m_batchSize->value();
        config.train.maxSteps = m_maxSteps->value();
        config.train.learningRate = m_learningRate->value();
        config.train.evalEvery = m_evalEvery->value();
        config.train.precision = m_precision->currentText().toStdString();
        config.train.seed = static_cast<uint64_t>(m_seed->value());
        config.validate();
    } catch (const std::exception &e) {
        if (error != nullptr)
            *error = QString::fromStdString(e.what());
        return std::nullopt;
    }
    return config;
}

void RunDesigner::updatePlan()
{
    QString error;
    const std::optional<RunConfig> run = config(&error);
    if (!run) {
        m_plan->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(error.toHtmlEscaped()));
        return;
    }
    try {
        const MemoryPrediction prediction = predictTrainingMemory(*run);
        const MemoryBreakdown &m = prediction.memory;
        m_plan->setText(
            tr("<b>%1</b> of %2 parameters train (%3%)<br>"
               "peak tensor memory at most <b>%4</b> (batch %5, every source padded to %6 tokens; "
               "shorter data needs less, `ladder plan --data` measures it):<br>"
               "frozen weights %7 · trainable %8 · gradients %9 · optimizer %10 · activations %11")
                .arg(prediction.parameters.trainable)
                .arg(prediction.parameters.total)
                .arg(prediction.parameters.trainablePercent(), 0, 'f', 2)
                .arg(mebibytes(m.peak))
                .arg(prediction.batchSize)
                .arg(prediction.sourceLength)
                .arg(mebibytes(m.frozenWeights), mebibytes(m.trainableWeights), mebibytes(m.gradients),
                    mebibytes(m.optimizerState), mebibytes(m.activations)));
    } catch (const std::exception &e) {
        m_plan->setText(QStringLiteral("<span style='color:#b00020'>%1</span>")
                            .arg(QString::fromStdString(e.what()).toHtmlEscaped()));
    }
}

} // namespace ladder
