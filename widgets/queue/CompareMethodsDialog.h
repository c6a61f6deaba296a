// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "peft/MethodConfig.h"
#include "train/RunConfig.h"

#include <QDialog>
#include <QMap>

#include <map>
#include <vector>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ladder {

class WorkbenchSettings;

/// Compare methods: which methods to queue the designer's run with, and each one's learning
/// rate. The rates start at defaultComparisonRates() for the run's backbone, overridden by the
/// ones the user set before; both choices are remembered in `settings` when accepted.
class CompareMethodsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareMethodsDialog)

public:
    /// `settings` must outlive the dialog.
    CompareMethodsDialog(const RunConfig &base, WorkbenchSettings *settings, QWidget *parent = nullptr);

    /// The checked methods, in the dialog's order.
    std::vector<MethodKind> selectedMethods() const;
    void setSelectedMethods(const std::vector<MethodKind> &methods);
    /// Every method's rate as shown (an invalid entry: its default), by code name.
    QMap<QString, double> learningRates() const;
    /// The runs to queue: methodComparisonConfigs(base, selectedMethods(), learningRates()).
    std::vector<RunConfig> configs() const;

public Q_SLOTS:
    /// Every rate back to its default for this backbone.
    void resetRates();
    /// Remembers the choice in the settings, then closes.
    void accept() override;

private:
    struct Row
    {
        QCheckBox *check = nullptr;
        QLineEdit *rate = nullptr;
        double defaultRate = 0.0;
    };

    void updateState();
    static std::vector<MethodKind> methodOrder();

    RunConfig m_base;
    WorkbenchSettings *m_settings;
    std::map<MethodKind, Row> m_rows;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace ladder
