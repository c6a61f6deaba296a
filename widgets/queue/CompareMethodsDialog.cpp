// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/CompareMethodsDialog.h"

#include "experiments/RunLabels.h"
#include "queue/MethodComparison.h"
#include "run/MethodNames.h"
#include "settings/WorkbenchSettings.h"
#include "settings/Theme.h"

#include <QCheckBox>
#include <QColor>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ladder {

namespace {

// Rates are written in the C locale ("3e-4", "0.01") whatever the user's locale: they are
// copied to and from run configurations and papers, which use a decimal point.
QString rateText(double rate)
{
    return QLocale::c().toString(rate, 'g', 6);
}

std::optional<double> parseRate(const QLineEdit *edit)
{
    QString text = edit->text().trimmed();
    int position = 0;
    if (edit->validator()->validate(text, position) != QValidator::Acceptable)
        return std::nullopt;
    bool ok = false;
    const double rate = QLocale::c().toDouble(text, &ok);
    if (!ok || !(rate > 0.0) || !std::isfinite(rate))
        return std::nullopt;
    return rate;
}

} // namespace

std::vector<MethodKind> CompareMethodsDialog::methodOrder()
{
    // LST first, then the methods the paper measures it against, cheapest change first.
    return {MethodKind::Lst, MethodKind::Adapter, MethodKind::Lora, MethodKind::BitFit, MethodKind::Full,
        MethodKind::Prompt};
}

CompareMethodsDialog::CompareMethodsDialog(const RunConfig &base, WorkbenchSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_base(base)
    , m_settings(settings)
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Compare methods"));
    setMinimumWidth(560);
    const std::string json = base.toJson();
    const QString backbone = QString::fromStdString(backboneLabel(json));
    const QString task = QString::fromStdString(taskLabel(json));
    const QMap<QString, double> defaults = defaultComparisonRates(base.backbone);
    const bool measured = hasMeasuredLearningRates(base.backbone);

    auto *intro = new QLabel(tr("Queues the designer's run once per method checked: same backbone (%1), task "
                                "(%2), data order and seed; each method with its default options and its own "
                                "learning rate.")
                                 .arg(backbone, task),
        this);
    intro->setWordWrap(true);
    auto *source = new QLabel(measured
            ? tr("Default rates: measured on the shipped teaching backbones (docs/pretrain.md); the paper's are "
                 "tuned for T5-base.")
            : tr("Default rates: the paper's, tuned for T5-base."),
        this);
    source->setWordWrap(true);
    source->setObjectName(QStringLiteral("rateSource"));
    source->setForegroundRole(QPalette::PlaceholderText);

    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("<b>Method</b>"), this), 0, 0);
    grid->addWidget(new QLabel(tr("<b>Learning rate</b>"), this), 0, 1);
    grid->addWidget(new QLabel(tr("<b>Default</b>"), this), 0, 2);
    const QMap<QString, double> userRates = m_settings->methodLearningRates();
    int line = 1;
    for (const MethodKind kind : methodOrder()) {
        const QString code = QString::fromStdString(methodName(kind));
        Row row;
        row.defaultRate = defaults.value(code, defaultLearningRate(kind));
        row.check = new QCheckBox(methodDisplayName(kind), this);
        row.check->setObjectName(QStringLiteral("method.") + code);
        row.check->setToolTip(tr("method.kind \"%1\"").arg(code));
        row.rate = new QLineEdit(rateText(userRates.value(code, row.defaultRate)), this);
        row.rate->setObjectName(QStringLiteral("rate.") + code);
        auto *validator = new QDoubleValidator(1e-9, 100.0, 12, row.rate);
        validator->setNotation(QDoubleValidator::ScientificNotation);
        validator->setLocale(QLocale::c());
        row.rate->setValidator(validator);
        row.rate->setToolTip(tr("Peak learning rate for %1, e.g. 3e-4 or 0.01").arg(methodDisplayName(kind)));
        auto *defaultLabel = new QLabel(rateText(row.defaultRate), this);
        defaultLabel->setForegroundRole(QPalette::PlaceholderText);
        grid->addWidget(row.check, line, 0);
        grid->addWidget(row.rate, line, 1);
        grid->addWidget(defaultLabel, line, 2);
        connect(row.check, &QCheckBox::toggled, this, &CompareMethodsDialog::updateState);
        connect(row.rate, &QLineEdit::textChanged, this, &CompareMethodsDialog::updateState);
        m_rows.emplace(kind, row);
        ++line;
    }
    grid->setColumnStretch(0, 1);

    std::vector<MethodKind> chosen;
    for (const QString &code : m_settings->comparedMethods()) {
        try {
            chosen.push_back(methodKindFromName(code.toStdString()));
        } catch (const std::exception &) {
            // A method a later version removed: forget it.
        }
    }
    setSelectedMethods(chosen.empty() ? defaultComparedMethods() : chosen);

    QPushButton *reset = m_buttons->addButton(tr("Reset rates"), QDialogButtonBox::ResetRole);
    reset->setObjectName(QStringLiteral("resetRates"));
    connect(reset, &QPushButton::clicked, this, &CompareMethodsDialog::resetRates);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CompareMethodsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CompareMethodsDialog::reject);

    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    showAsError(m_problem);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(grid);
    layout->addWidget(source);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(m_buttons);
    updateState();
}

std::vector<MethodKind> CompareMethodsDialog::selectedMethods() const
{
    std::vector<MethodKind> methods;
    for (const MethodKind kind : methodOrder()) {
        if (m_rows.at(kind).check->isChecked())
            methods.push_back(kind);
    }
    return methods;
}

void CompareMethodsDialog::setSelectedMethods(const std::vector<MethodKind> &methods)
{
    for (auto &[kind, row] : m_rows)
        row.check->setChecked(std::find(methods.begin(), methods.end(), kind) != methods.end());
}

QMap<QString, double> CompareMethodsDialog::learningRates() const
{
    QMap<QString, double> rates;
    for (const auto &[kind, row] : m_rows)
        rates.insert(QString::fromStdString(methodName(kind)), parseRate(row.rate).value_or(row.defaultRate));
    return rates;
}

std::vector<RunConfig> CompareMethodsDialog::configs() const
{
    return methodComparisonConfigs(m_base, selectedMethods(), learningRates());
}

void CompareMethodsDialog::resetRates()
{
    for (auto &[kind, row] : m_rows)
        row.rate->setText(rateText(row.defaultRate));
}

void CompareMethodsDialog::accept()
{
    QStringList methods;
    for (const MethodKind kind : selectedMethods())
        methods.append(QString::fromStdString(methodName(kind)));
    m_settings->setComparedMethods(methods);
    // Only rates the user changed are remembered: the defaults depend on the backbone, and a
    // teaching backbone's rate must not become a T5-base run's.
    QMap<QString, double> changed;
    for (const auto &[kind, row] : m_rows) {
        const std::optional<double> rate = parseRate(row.rate);
        if (rate && *rate != row.defaultRate)
            changed.insert(QString::fromStdString(methodName(kind)), *rate);
    }
    m_settings->setMethodLearningRates(changed);
    QDialog::accept();
}

void CompareMethodsDialog::updateState()
{
    QStringList problems;
    int checked = 0;
    for (const MethodKind kind : methodOrder()) {
        const Row &row = m_rows.at(kind);
        const bool valid = parseRate(row.rate).has_value();
        // Mark a bad rate where it is, not only in the message below.
        row.rate->setStyleSheet(valid ? QString() : QStringLiteral("QLineEdit { border: 1px solid #c0392b; }"));
        if (!row.check->isChecked())
            continue;
        ++checked;
        if (!valid)
            problems.append(tr("%1: the learning rate must be a positive number such as 3e-4.")
                                .arg(methodDisplayName(kind)));
    }
    if (checked == 0)
        problems.append(tr("Check at least one method."));
    m_problem->setText(problems.join(QLatin1Char('\n')));
    m_problem->setVisible(!problems.isEmpty());
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(problems.isEmpty());
    ok->setText(checked == 1 ? tr("Queue 1 run") : tr("Queue %1 runs").arg(checked));
}

} // namespace ladder
