// SPDX-License-Identifier: GPL-3.0-or-later
#include "designer/RunDesigner.h"

#include "designer/NoteLabel.h"
#include "designer/OptionEditor.h"

#include "designer/TaskPicker.h"
#include "run/MethodNames.h"

#include "memory/MachineMemory.h"
#include "model/ModelSummary.h"
#include "model/T5Config.h"
#include "backbones/ShippedBackbones.h"
#include "train/LearningRates.h"
#include "train/MemoryPredictor.h"
#include "settings/Theme.h"
#include "settings/WorkbenchSettings.h"

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QLocale>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <exception>
#include <set>
#include <utility>

namespace ladder {

namespace {

constexpr int kFolderRole = Qt::UserRole + 1;

QString mebibytes(int64_t bytes)
{
    constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
    // Whole gibibytes read better than five-digit mebibytes once a backbone is large.
    if (static_cast<double>(bytes) >= kGiB)
        return QString::number(static_cast<double>(bytes) / kGiB, 'f', 1) + QStringLiteral(" GiB");
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
}

QString errorHtml(const QString &message)
{
    return QStringLiteral("<span style='color:%1'>%2</span>")
        .arg(errorColour(QApplication::palette()).name(), message.toHtmlEscaped());
}

/// The prediction's largest category, translated, with its bytes.
std::pair<QString, int64_t> largestCategory(const MemoryBreakdown &m)
{
    const std::array<std::pair<QString, int64_t>, 5> categories{{
        {QCoreApplication::translate("ladder::RunDesigner", "activations"), m.activations},
        {QCoreApplication::translate("ladder::RunDesigner", "frozen weights"), m.frozenWeights},
        {QCoreApplication::translate("ladder::RunDesigner", "trainable weights"), m.trainableWeights},
        {QCoreApplication::translate("ladder::RunDesigner", "gradients"), m.gradients},
        {QCoreApplication::translate("ladder::RunDesigner", "optimizer state"), m.optimizerState},
    }};
    auto largest = categories.front();
    for (const auto &category : categories)
        if (category.second > largest.second)
            largest = category;
    return largest;
}

/// train.* options with a field of their own above "More training settings"; resume_from is the
/// history's "Resume" (a run continued from its checkpoint), not a setting of a new run.
const std::set<std::string> kTrainKeysWithTheirOwnField = {"train.batch_size", "train.max_steps",
    "train.learning_rate", "train.eval_every", "train.precision", "train.seed", "train.resume_from"};

/// "weight_decay" for the option "train.weight_decay".
std::string keyInTrain(const OptionDescription &option)
{
    return option.key.substr(std::string("train.").size());
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
    m_backboneFacts = new QLabel;
    m_backboneFacts->setObjectName(QStringLiteral("backboneFacts"));
    m_backboneFacts->setTextFormat(Qt::RichText);
    m_backboneFacts->setWordWrap(true);
    setNoteFont(m_backboneFacts);
    auto *backboneColumn = new QVBoxLayout;
    backboneColumn->setSpacing(2);
    backboneColumn->addWidget(m_backbone);
    backboneColumn->addWidget(m_backboneFacts);
    modelForm->addRow(tr("Backbone"), backboneColumn);
    m_method = new QComboBox;
    m_method->setObjectName(QStringLiteral("method"));
    for (MethodKind kind : allMethodKinds()) {
        m_method->addItem(methodDisplayName(kind), static_cast<int>(kind));
        m_method->setItemData(m_method->count() - 1,
            tr("Code name: %1 (method.kind in a run configuration and for `ladder train`)")
                .arg(QString::fromStdString(methodName(kind))),
            Qt::ToolTipRole);
    }
    modelForm->addRow(tr("Method"), m_method);
    layout->addWidget(modelBox);

    auto *optionsBox = new QGroupBox(tr("Method options"));
    m_methodForm = new QFormLayout(optionsBox);
    layout->addWidget(optionsBox);

    // The task picker in a box of its own, not a form row: its pages change height (a file's
    // preview), which a QFormLayout row squeezed flat.
    auto *taskPickerBox = new QGroupBox(tr("Task"));
    auto *taskPickerLayout = new QVBoxLayout(taskPickerBox);
    m_task = new TaskPicker;
    taskPickerLayout->addWidget(m_task);
    layout->addWidget(taskPickerBox);

    auto *taskBox = new QGroupBox(tr("Task and training"));
    auto *taskForm = new QFormLayout(taskBox);
    m_trainSize = spinBox(16, 100000, 2000);
    m_trainSize->setObjectName(QStringLiteral("trainSize"));
    taskForm->addRow(tr("Training examples"), m_trainSize);
    // Only a demo task is generated to a size; GLUE and file tasks train on what their files hold.
    connect(m_task, &TaskPicker::taskChanged, this, [this, taskForm] {
        taskForm->setRowVisible(m_trainSize, m_task->task(m_loaded.task).kind == "demo");
    });
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
    m_learningRate->setObjectName(QStringLiteral("learningRate"));
    m_rateHint = new QLabel;
    m_rateHint->setObjectName(QStringLiteral("learningRateHint"));
    m_rateHint->setWordWrap(true);
    m_rateHint->setToolTip(tr("The rate follows the method (and the backbone) until you set one: the rates "
                              "measured on the shipped wordnet-t5 backbones there, the paper's elsewhere."));
    setNoteFont(m_rateHint);
    // Under the box, not beside it: a dock is narrow and the method names are long.
    auto *rateColumn = new QVBoxLayout;
    rateColumn->setSpacing(2);
    rateColumn->addWidget(m_learningRate);
    rateColumn->addWidget(m_rateHint);
    taskForm->addRow(tr("Learning rate"), rateColumn);
    m_evalEvery = spinBox(0, 1000000, 200, tr("epoch end"));
    taskForm->addRow(tr("Evaluate every"), m_evalEvery);
    m_precision = new QComboBox;
    m_precision->addItems({QStringLiteral("fp32"), QStringLiteral("bf16")});
    m_precision->setToolTip(tr("bf16: mixed precision (fp32 weights and optimizer state, bf16 products)"));
    taskForm->addRow(tr("Precision"), m_precision);
    m_seed = spinBox(0, 1000000, 0);
    taskForm->addRow(tr("Seed"), m_seed);
    // Every other training option, generated from its declaration, folded away until asked for.
    auto *moreButton = new QToolButton;
    moreButton->setObjectName(QStringLiteral("moreSettings"));
    moreButton->setText(tr("More training settings"));
    moreButton->setCheckable(true);
    moreButton->setAutoRaise(true);
    moreButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    moreButton->setArrowType(Qt::RightArrow);
    moreButton->setToolTip(tr("Warm-up, weight decay, gradient accumulation, evaluation limits, checkpoints, "
                              "threads… each option's range as `ladder options run` lists it"));
    m_moreSettings = new QWidget;
    auto *moreForm = new QFormLayout(m_moreSettings);
    moreForm->setContentsMargins(0, 0, 0, 0);
    for (const OptionDescription &option : describeRunConfigOptions()) {
        if (option.key.rfind("train.", 0) != 0 || kTrainKeysWithTheirOwnField.count(option.key) > 0)
            continue;
        OptionEditor *editor = createOptionEditor(option);
        editor->setObjectName(QString::fromStdString(option.key));
        connect(editor, &OptionEditor::valueChanged, this, &RunDesigner::configChanged);
        addOptionRow(moreForm, editor);
        m_trainEditors.append(editor);
    }
    m_moreSettings->hide();
    connect(moreButton, &QToolButton::toggled, this, [this, moreButton](bool open) {
        m_moreSettings->setVisible(open);
        moreButton->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    taskForm->addRow(moreButton);
    taskForm->addRow(m_moreSettings);
    layout->addWidget(taskBox);

    auto *planBox = new QGroupBox(tr("Before it runs: the predictor"));
    auto *planLayout = new QVBoxLayout(planBox);
    m_fitWarning = new QLabel;
    m_fitWarning->setObjectName(QStringLiteral("fitWarning"));
    m_fitWarning->setTextFormat(Qt::RichText);
    m_fitWarning->setWordWrap(true);
    m_fitWarning->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c12; border: 1px solid #e0a39c; "
                                               "border-radius: 3px; padding: 4px; }"));
    m_fitWarning->hide();
    planLayout->addWidget(m_fitWarning);
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
        QString start;
        if (m_settings != nullptr && !m_settings->recentPaths(WorkbenchSettings::PathKind::Backbone).isEmpty())
            start = m_settings->recentPaths(WorkbenchSettings::PathKind::Backbone).first();
        const QString dir = QFileDialog::getExistingDirectory(this, tr("HuggingFace T5 folder"), start);
        if (dir.isEmpty()) {
            m_backbone->setCurrentIndex(0);
            return;
        }
        chooseBackboneFolder(dir);
    });
    connect(m_method, &QComboBox::currentIndexChanged, this, &RunDesigner::rebuildMethodOptions);
    connect(m_method, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_method->setToolTip(m_method->itemData(index, Qt::ToolTipRole).toString());
    });
    connect(m_backbone, &QComboBox::currentIndexChanged, this, &RunDesigner::updateBackboneFacts);
    for (QComboBox *box : {m_backbone, m_method})
        connect(box, &QComboBox::currentIndexChanged, this, &RunDesigner::followSuggestedRate);
    // Programmatic changes block the box's signals, so this sees the user's edits only.
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        m_rateSetByUser = std::abs(value - currentSuggestedRate()) > 0.5e-5;
        updateRateHint();
    });
    for (QComboBox *box : {m_backbone, m_method, m_precision})
        connect(box, &QComboBox::currentIndexChanged, this, &RunDesigner::configChanged);
    for (QSpinBox *box : {m_trainSize, m_batchSize, m_maxSteps, m_evalEvery, m_seed})
        connect(box, &QSpinBox::valueChanged, this, &RunDesigner::configChanged);
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, &RunDesigner::configChanged);
    connect(m_task, &TaskPicker::taskChanged, this, &RunDesigner::configChanged);
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
    config.train.learningRate = teachingBackboneLearningRate(MethodKind::Lst);
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
    m_task->setTask(config.task);
    if (auto *form = qobject_cast<QFormLayout *>(m_trainSize->parentWidget()->layout()))
        form->setRowVisible(m_trainSize, config.task.kind == "demo"); // its signal is blocked here
    m_trainSize->setValue(static_cast<int>(config.task.trainSize));
    m_batchSize->setValue(static_cast<int>(config.train.batchSize));
    m_maxSteps->setValue(static_cast<int>(config.train.maxSteps));
    m_learningRate->setValue(config.train.learningRate);
    // A loaded rate other than the method's suggestion (and other than 0, "the paper's") was
    // somebody's choice: keep it through method changes.
    m_rateSetByUser = config.train.learningRate > 0.0
        && std::abs(config.train.learningRate - suggestedLearningRate(config.method.kind, config.backbone)) > 0.5e-5;
    m_evalEvery->setValue(static_cast<int>(config.train.evalEvery));
    m_precision->setCurrentText(QString::fromStdString(config.train.precision));
    m_seed->setValue(static_cast<int>(config.train.seed));
    {
        // The editors' valueChanged reaches their reset buttons; configChanged waits for the one
        // updatePlan() below.
        const QSignalBlocker quiet(this);
        const nlohmann::json train = nlohmann::json::parse(config.toJson()).at("train");
        for (OptionEditor *editor : std::as_const(m_trainEditors))
            editor->setJsonValue(QString::fromStdString(train.at(keyInTrain(editor->option())).dump()));
        rebuildMethodOptions();
        const nlohmann::json method = nlohmann::json::parse(config.method.toJson());
        for (OptionEditor *editor : std::as_const(m_methodEditors)) {
            if (method.contains(editor->option().key))
                editor->setJsonValue(QString::fromStdString(method.at(editor->option().key).dump()));
        }
    }
    m_method->setToolTip(m_method->currentData(Qt::ToolTipRole).toString());
    updateBackboneFacts();
    updateRateHint();
    updatePlan();
}

bool RunDesigner::chooseBackboneFolder(const QString &dir)
{
    int index = m_backbone->findText(dir);
    if (index < 0) {
        index = m_backbone->count() - 1; // before "HuggingFace folder…"
        m_backbone->insertItem(index, dir, kFolderRole);
    }
    m_backbone->setCurrentIndex(index);
    updateBackboneFacts(); // also when the folder was already the current one
    try {
        RunConfig probe;
        probe.backbone.path = dir.toStdString();
        runBackboneConfig(probe);
    } catch (const std::exception &) {
        return false;
    }
    if (m_settings != nullptr)
        m_settings->addRecentPath(WorkbenchSettings::PathKind::Backbone, QFileInfo(dir).absoluteFilePath());
    return true;
}

void RunDesigner::setSettings(WorkbenchSettings *settings)
{
    m_settings = settings;
    m_task->setSettings(settings);
    if (settings == nullptr)
        return;
    // The HuggingFace folders chosen before, most recent first, between the presets and
    // "HuggingFace folder…" (those no longer on disk left out).
    const QSignalBlocker blocker(m_backbone);
    for (const QString &dir : settings->recentPaths(WorkbenchSettings::PathKind::Backbone)) {
        if (m_backbone->findText(dir) < 0 && QFileInfo(dir).isDir())
            m_backbone->insertItem(m_backbone->count() - 1, dir, kFolderRole);
    }
}

bool RunDesigner::chooseGlueFolder(const QString &dir)
{
    return m_task->chooseGlueFolder(dir);
}

bool RunDesigner::chooseTaskFile(const QString &path)
{
    return m_task->chooseFile(path);
}

MethodKind RunDesigner::currentMethod() const
{
    return static_cast<MethodKind>(m_method->currentData().toInt());
}

BackboneConfig RunDesigner::currentBackbone() const
{
    BackboneConfig backbone;
    if (m_backbone->currentData().toInt() == kFolderRole) {
        backbone.preset.clear(); // a run names exactly one of preset and path
        backbone.path = m_backbone->currentText().toStdString();
    } else {
        backbone.preset = m_backbone->currentText().toStdString();
    }
    return backbone;
}

double RunDesigner::currentSuggestedRate() const
{
    return suggestedLearningRate(currentMethod(), currentBackbone());
}

void RunDesigner::updateBackboneFacts()
{
    if (m_backbone->currentData().toString() == QStringLiteral("choose"))
        return; // the folder dialog is open
    try {
        RunConfig probe;
        probe.backbone = currentBackbone();
        const T5Config shape = runBackboneConfig(probe);
        m_backboneShape = shape;
        for (OptionEditor *editor : std::as_const(m_methodEditors))
            editor->setBackbone(shape);
        const QLocale locale;
        m_backboneFacts->setText(tr("%1 parameters · %2 encoder + %3 decoder layers · d_model %4 · vocabulary %5")
                                     .arg(locale.toString(static_cast<qlonglong>(summarizeModel(shape).total)))
                                     .arg(shape.numLayers)
                                     .arg(shape.numDecoderLayers)
                                     .arg(shape.dModel)
                                     .arg(locale.toString(static_cast<qlonglong>(shape.vocabSize))));
    } catch (const std::exception &e) {
        m_backboneShape.reset();
        m_backboneFacts->setText(errorHtml(QString::fromStdString(e.what())));
    }
}

void RunDesigner::followSuggestedRate()
{
    if (m_backbone->currentData().toString() == QStringLiteral("choose"))
        return;
    if (!m_rateSetByUser) {
        const QSignalBlocker blocker(m_learningRate);
        m_learningRate->setValue(currentSuggestedRate());
    }
    updateRateHint();
}

void RunDesigner::updateRateHint()
{
    const QString method = methodDisplayName(currentMethod());
    const double suggested = currentSuggestedRate();
    const double value = m_learningRate->value();
    const QString rate = QString::number(suggested, 'g', 3);
    if (value == 0.0)
        m_rateHint->setText(tr("%1 for %2").arg(rate, method));
    else if (std::abs(value - suggested) <= 0.5e-5)
        m_rateHint->setText(hasMeasuredLearningRates(currentBackbone()) ? tr("default for %1 on this backbone (measured)").arg(method)
                                                                        : tr("default for %1 (the paper's)").arg(method));
    else
        m_rateHint->setText(tr("yours; default for %1: %2").arg(method, rate));
}

void RunDesigner::rebuildMethodOptions()
{
    while (m_methodForm->rowCount() > 0)
        m_methodForm->removeRow(0);
    m_methodEditors.clear();
    const MethodKind kind = currentMethod();
    const std::vector<OptionDescription> options = describeMethodOptions(kind);
    if (options.empty())
        m_methodForm->addRow(new QLabel(tr("(no options)")));
    for (const OptionDescription &option : options) {
        OptionEditor *editor = createMethodOptionEditor(kind, option);
        editor->setObjectName(QStringLiteral("method.") + editor->objectName());
        if (m_backboneShape)
            editor->setBackbone(*m_backboneShape);
        connect(editor, &OptionEditor::valueChanged, this, &RunDesigner::configChanged);
        addOptionRow(m_methodForm, editor);
        m_methodEditors.append(editor);
    }
}

std::optional<RunConfig> RunDesigner::config(QString *error) const
{
    RunConfig config = m_loaded;
    try {
        config.backbone = currentBackbone();
        // The editors' values read as a run file's "method" object is: the same checks, the same
        // messages naming the key.
        nlohmann::json method = {{"kind", methodName(currentMethod())}};
        for (const OptionEditor *editor : m_methodEditors)
            method[editor->option().key] = nlohmann::json::parse(editor->jsonValue().toStdString(), nullptr, false);
        config.method = MethodConfig::fromJson(method.dump(), "method");
        config.task = m_task->task(m_loaded.task);
        if (config.task.kind == "demo")
            config.task.trainSize = m_trainSize->value();
        config.train.batchSize = m_batchSize->value();
        config.train.maxSteps = m_maxSteps->value();
        config.train.learningRate = m_learningRate->value();
        config.train.evalEvery = m_evalEvery->value();
        config.train.precision = m_precision->currentText().toStdString();
        config.train.seed = static_cast<uint64_t>(m_seed->value());
        // The generated editors' values, read (and validated) as a run file's "train" section is.
        nlohmann::json json = nlohmann::json::parse(config.toJson());
        for (const OptionEditor *editor : m_trainEditors)
            json["train"][keyInTrain(editor->option())] = nlohmann::json::parse(editor->jsonValue().toStdString(), nullptr, false);
        config = RunConfig::fromJson(json.dump(), "designer");
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
    m_fitWarning->hide();
    if (!run) {
        m_plan->setText(errorHtml(error));
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
                .arg(QLocale().toString(static_cast<qlonglong>(prediction.parameters.trainable)))
                .arg(QLocale().toString(static_cast<qlonglong>(prediction.parameters.total)))
                .arg(prediction.parameters.trainablePercent(), 0, 'f', 2)
                .arg(mebibytes(m.peak))
                .arg(prediction.batchSize)
                .arg(prediction.sourceLength)
                .arg(mebibytes(m.frozenWeights), mebibytes(m.trainableWeights), mebibytes(m.gradients),
                    mebibytes(m.optimizerState), mebibytes(m.activations)));
        const int64_t machine = physicalMemoryBytes();
        if (machine > 0 && m.peak > machine) {
            const auto [category, bytes] = largestCategory(m);
            const QString remedy = bytes == m.activations
                ? tr("A smaller batch or shorter sources shrink them.")
                : tr("A smaller backbone, or a method that trains fewer parameters, shrinks them.");
            m_fitWarning->setText(tr("<b>This run will not fit.</b> %1: %2 of %3 predicted; this machine has %4. %5")
                                      .arg(category, mebibytes(bytes), mebibytes(m.peak), mebibytes(machine), remedy));
            m_fitWarning->show();
        }
    } catch (const std::exception &e) {
        m_plan->setText(errorHtml(QString::fromStdString(e.what())));
    }
}

} // namespace ladder
