// SPDX-License-Identifier: GPL-3.0-or-later
// The run designer: backbone, method and its options (typed editors generated from their
// declarations: LST's layers on a ladder picker, its r on a slider), task and training settings, with the
// memory predictor's estimate updated as the user edits — so a run that will not fit is seen
// before it starts. Methods carry the names people use; the learning rate follows the method
// until the user sets it; the backbone's shape is shown under its choice.
#pragma once

#include "model/T5Config.h"
#include "train/RunConfig.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace ladder {

class OptionEditor;
class TaskPicker;
class WorkbenchSettings;

class RunDesigner : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunDesigner)

public:
    explicit RunDesigner(QWidget *parent = nullptr);

    /// Shows `config` in the form (method options that differ from their defaults included).
    void setConfig(const RunConfig &config);
    /// The run the form describes, or nullopt with `error` set when a field is invalid.
    std::optional<RunConfig> config(QString *error = nullptr) const;

    /// The built-in demo: LST on the shipped wordnet-t5-tiny and the wordnet-lexname task, sized to
    /// finish in well under a minute on two cores.
    static RunConfig demoConfig();

    /// Selects the HuggingFace T5 folder `dir` (what the folder dialog does once a folder is
    /// chosen) and validates its config.json at once: on failure the loader's message is shown
    /// under the backbone and false is returned (the folder stays selected, so the user sees
    /// which one failed).
    bool chooseBackboneFolder(const QString &dir);
    /// The task picker's chooseGlueFolder(): lists the GLUE tasks in `dir`, or shows inline that
    /// it holds none (false).
    bool chooseGlueFolder(const QString &dir);
    /// The task picker's chooseFile(): a TSV/CSV/JSONL task file (false when its header cannot
    /// be read). The whole file is read in the background; its preview, or the engine reader's
    /// "file:line" message, shows under the file when the read ends.
    bool chooseTaskFile(const QString &path);

    /// Remembers chosen HuggingFace folders, GLUE folders and task files there and offers them
    /// again (null: the designer remembers nothing, e.g. for a screenshot).
    void setSettings(WorkbenchSettings *settings);

Q_SIGNALS:
    void configChanged();

private:
    void rebuildMethodOptions();
    void updatePlan();
    void updateBackboneFacts();
    /// Puts the method's suggested rate in the box unless the user set one.
    void followSuggestedRate();
    void updateRateHint();
    MethodKind currentMethod() const;
    BackboneConfig currentBackbone() const;
    double currentSuggestedRate() const;

    WorkbenchSettings *m_settings = nullptr;
    RunConfig m_loaded;              ///< what setConfig() showed: fields the form has no widget for
    QComboBox *m_backbone = nullptr; ///< presets, then a chosen folder
    QComboBox *m_method = nullptr;
    QFormLayout *m_methodForm = nullptr;
    QList<OptionEditor *> m_methodEditors; ///< generated from the method's option declarations
    QList<OptionEditor *> m_trainEditors;  ///< the train.* options the form has no field of its own for
    QWidget *m_moreSettings = nullptr;     ///< folds m_trainEditors away
    std::optional<T5Config> m_backboneShape; ///< the chosen backbone's, when it could be read
    TaskPicker *m_task = nullptr;
    QSpinBox *m_trainSize = nullptr;
    QSpinBox *m_batchSize = nullptr;
    QSpinBox *m_maxSteps = nullptr;
    QDoubleSpinBox *m_learningRate = nullptr;
    QLabel *m_rateHint = nullptr;    ///< whose rate the box holds: the method's default or the user's
    bool m_rateSetByUser = false;    ///< the user typed a rate other than the suggested one
    QLabel *m_backboneFacts = nullptr;
    QSpinBox *m_evalEvery = nullptr;
    QComboBox *m_precision = nullptr;
    QSpinBox *m_seed = nullptr;
    QLabel *m_fitWarning = nullptr;  ///< shown when the predicted peak exceeds physical memory
    QLabel *m_plan = nullptr;
};

} // namespace ladder
