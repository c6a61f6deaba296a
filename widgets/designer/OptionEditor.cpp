// SPDX-License-Identifier: GPL-3.0-or-later
#include "designer/OptionEditor.h"

#include "designer/LadderPicker.h"
#include "designer/ReductionSlider.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QFormLayout>

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>
#include <utility>

namespace ladder {

namespace {

using Json = nlohmann::json;

/// `text` parsed as JSON, or a discarded value when it is not JSON.
Json parsed(const QString &text)
{
    return Json::parse(text.toStdString(), nullptr, false);
}

QString dumped(const Json &value)
{
    return QString::fromStdString(value.dump());
}

/// A layout without margins for an editor made of one or more child widgets.
QHBoxLayout *bareLayout(QWidget *editor)
{
    auto *layout = new QHBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

class IntegerEditor final : public OptionEditor
{
public:
    explicit IntegerEditor(const OptionDescription &option)
        : OptionEditor(option)
    {
        m_box = new QSpinBox;
        // Declared bounds, clipped to what a spin box holds; an exclusive bound is the next integer.
        const double minimum = option.minimum ? *option.minimum + (option.minimumExclusive ? 1 : 0) : INT_MIN;
        const double maximum = option.maximum ? *option.maximum - (option.maximumExclusive ? 1 : 0) : INT_MAX;
        m_box->setRange(static_cast<int>(std::max<double>(minimum, INT_MIN)), static_cast<int>(std::min<double>(maximum, INT_MAX)));
        m_box->setAccelerated(true);
        bareLayout(this)->addWidget(m_box);
        connect(m_box, &QSpinBox::valueChanged, this, &OptionEditor::valueChanged);
    }
    QString jsonValue() const override { return QString::number(m_box->value()); }
    bool setJsonValue(const QString &json) override
    {
        const Json value = parsed(json);
        if (!value.is_number_integer() || value.get<double>() < m_box->minimum() || value.get<double>() > m_box->maximum())
            return false;
        m_box->setValue(value.get<int>());
        return true;
    }

private:
    QSpinBox *m_box = nullptr;
};

class NumberEditor final : public OptionEditor
{
public:
    explicit NumberEditor(const OptionDescription &option)
        : OptionEditor(option)
    {
        constexpr int kDecimals = 4;
        constexpr double kStep = 1e-4; // the smallest step four decimals show
        m_box = new QDoubleSpinBox;
        m_box->setDecimals(kDecimals);
        const double minimum = option.minimum ? *option.minimum + (option.minimumExclusive ? kStep : 0) : -1e9;
        const double maximum = option.maximum ? *option.maximum - (option.maximumExclusive ? kStep : 0) : 1e9;
        m_box->setRange(minimum, maximum);
        // Probabilities move in twentieths; wider quantities in tenths.
        m_box->setSingleStep(maximum - minimum <= 1.0 ? 0.05 : 0.1);
        m_box->setAccelerated(true);
        bareLayout(this)->addWidget(m_box);
        connect(m_box, &QDoubleSpinBox::valueChanged, this, &OptionEditor::valueChanged);
    }
    QString jsonValue() const override { return dumped(Json(m_box->value())); }
    bool setJsonValue(const QString &json) override
    {
        const Json value = parsed(json);
        if (!value.is_number())
            return false;
        m_box->setValue(value.get<double>());
        return true;
    }

private:
    QDoubleSpinBox *m_box = nullptr;
};

class BooleanEditor final : public OptionEditor
{
public:
    explicit BooleanEditor(const OptionDescription &option)
        : OptionEditor(option)
    {
        m_box = new QCheckBox;
        bareLayout(this)->addWidget(m_box);
        connect(m_box, &QCheckBox::toggled, this, &OptionEditor::valueChanged);
    }
    QString jsonValue() const override { return m_box->isChecked() ? QStringLiteral("true") : QStringLiteral("false"); }
    bool setJsonValue(const QString &json) override
    {
        const Json value = parsed(json);
        if (!value.is_boolean())
            return false;
        m_box->setChecked(value.get<bool>());
        return true;
    }

private:
    QCheckBox *m_box = nullptr;
};

class ChoiceEditor final : public OptionEditor
{
public:
    explicit ChoiceEditor(const OptionDescription &option)
        : OptionEditor(option)
    {
        m_box = new QComboBox;
        for (const std::string &choice : option.choices)
            m_box->addItem(QString::fromStdString(choice));
        bareLayout(this)->addWidget(m_box);
        connect(m_box, &QComboBox::currentIndexChanged, this, &OptionEditor::valueChanged);
    }
    QString jsonValue() const override { return dumped(Json(m_box->currentText().toStdString())); }
    bool setJsonValue(const QString &json) override
    {
        const Json value = parsed(json);
        const int index = value.is_string() ? m_box->findText(QString::fromStdString(value.get<std::string>())) : -1;
        if (index < 0)
            return false;
        m_box->setCurrentIndex(index);
        return true;
    }

private:
    QComboBox *m_box = nullptr;
};

/// A check box per allowed name (LoRA's q, k, v, o, wi, wo); the last checked one cannot be
/// unchecked, since the set must not be empty.
class NameSetEditor final : public OptionEditor
{
public:
    explicit NameSetEditor(const OptionDescription &option)
        : OptionEditor(option)
    {
        QHBoxLayout *layout = bareLayout(this);
        for (const std::string &name : option.choices) {
            auto *box = new QCheckBox(QString::fromStdString(name));
            box->setObjectName(QString::fromStdString(name));
            layout->addWidget(box);
            m_boxes.append(box);
            connect(box, &QCheckBox::toggled, this, [this, box](bool checked) {
                if (!checked && checkedNames().empty()) {
                    const QSignalBlocker blocker(box);
                    box->setChecked(true);
                    return;
                }
                Q_EMIT valueChanged();
            });
        }
        layout->addStretch(1);
    }
    QString jsonValue() const override { return dumped(Json(checkedNames())); }
    bool setJsonValue(const QString &json) override
    {
        const Json value = parsed(json);
        if (!value.is_array() || value.empty())
            return false;
        for (const Json &item : value) {
            if (!item.is_string() || !findBox(item.get<std::string>()))
                return false;
        }
        for (QCheckBox *box : std::as_const(m_boxes)) {
            const QSignalBlocker blocker(box);
            box->setChecked(std::find(value.begin(), value.end(), Json(box->text().toStdString())) != value.end());
        }
        Q_EMIT valueChanged();
        return true;
    }

private:
    std::vector<std::string> checkedNames() const
    {
        std::vector<std::string> names;
        for (QCheckBox *box : m_boxes) {
            if (box->isChecked())
                names.push_back(box->text().toStdString());
        }
        return names;
    }
    QCheckBox *findBox(const std::string &name) const
    {
        for (QCheckBox *box : m_boxes) {
            if (box->text().toStdString() == name)
                return box;
        }
        return nullptr;
    }

    QList<QCheckBox *> m_boxes;
};

/// Free text; a text list is written comma-separated; any other value (an object) as raw JSON.
class TextEditor final : public OptionEditor
{
public:
    explicit TextEditor(const OptionDescription &option)
        : OptionEditor(option)
    {
        m_edit = new QLineEdit;
        bareLayout(this)->addWidget(m_edit);
        connect(m_edit, &QLineEdit::editingFinished, this, &OptionEditor::valueChanged);
    }
    QString jsonValue() const override
    {
        const std::string text = m_edit->text().toStdString();
        switch (option().type) {
        case OptionType::Text:
            return dumped(Json(text));
        case OptionType::TextList: {
            Json items = Json::array();
            for (const QString &item : m_edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
                items.push_back(item.trimmed().toStdString());
            return dumped(items);
        }
        default:
            return m_edit->text();
        }
    }
    bool setJsonValue(const QString &json) override
    {
        const Json value = parsed(json);
        if (value.is_discarded() || (option().type == OptionType::Text && !value.is_string())
            || (option().type == OptionType::TextList && !value.is_array()))
            return false;
        if (option().type == OptionType::Text) {
            m_edit->setText(QString::fromStdString(value.get<std::string>()));
        } else if (option().type == OptionType::TextList) {
            QStringList items;
            for (const Json &item : value)
                items.append(QString::fromStdString(item.is_string() ? item.get<std::string>() : item.dump()));
            m_edit->setText(items.join(QStringLiteral(", ")));
        } else {
            m_edit->setText(json);
        }
        Q_EMIT valueChanged();
        return true;
    }

private:
    QLineEdit *m_edit = nullptr;
};

} // namespace

OptionEditor::OptionEditor(OptionDescription option, QWidget *parent)
    : QWidget(parent)
    , m_option(std::move(option))
{
    setToolTip(QString::fromStdString(m_option.description));
}

void OptionEditor::setBackbone(const T5Config &) {}

bool OptionEditor::holdsDefault() const
{
    return parsed(jsonValue()) == parsed(QString::fromStdString(m_option.defaultValue));
}

void OptionEditor::resetToDefault()
{
    setJsonValue(QString::fromStdString(m_option.defaultValue));
}

void addOptionRow(QFormLayout *form, OptionEditor *editor)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editor, 1);
    auto *reset = new QToolButton;
    reset->setObjectName(editor->objectName() + QStringLiteral(".reset"));
    reset->setText(QStringLiteral("↺"));
    reset->setAutoRaise(true);
    reset->setToolTip(OptionEditor::tr("Back to the default: %1").arg(QString::fromStdString(editor->option().defaultValue)));
    layout->addWidget(reset, 0, Qt::AlignTop);
    const auto update = [editor, reset] { reset->setEnabled(!editor->holdsDefault()); };
    QObject::connect(editor, &OptionEditor::valueChanged, reset, update);
    QObject::connect(reset, &QToolButton::clicked, editor, &OptionEditor::resetToDefault);
    update();
    form->addRow(editor->label(), row);
}

namespace {

// The form labels of the declared options, listed for lupdate: label() translates the key (with
// spaces) in this context, so an option missing here shows its key untranslated.
[[maybe_unused]] const char *const kOptionLabels[] = {
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "reduction"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "train layer norms"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "rank"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "alpha"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "dropout"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "targets"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "train biases"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "length"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "layers"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "gate"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "gate temperature"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "gate alpha"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "init"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "fisher samples"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "backbone dtype"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "side attention"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "epochs"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "warmup steps"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "max source length"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "max target length"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "threads"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "device"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "grad accumulation"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "max grad norm"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "weight decay"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "checkpoint every"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "output dir"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "target style"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "eval batch size"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "eval limit"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "length buckets"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "vocab size"), QT_TRANSLATE_NOOP("ladder::OptionLabel", "eval test"),
    QT_TRANSLATE_NOOP("ladder::OptionLabel", "measure memory"),
};

} // namespace

QString OptionEditor::label() const
{
    const QString key = QString::fromStdString(m_option.key);
    const QString spaced = key.mid(key.lastIndexOf(QLatin1Char('.')) + 1).replace(QLatin1Char('_'), QLatin1Char(' '));
    return QCoreApplication::translate("ladder::OptionLabel", spaced.toUtf8().constData());
}

namespace {

/// Names the editor after its key, shows the default and parents it.
OptionEditor *prepared(OptionEditor *editor, const OptionDescription &option, QWidget *parent)
{
    editor->setParent(parent);
    editor->setObjectName(QString::fromStdString(option.key));
    editor->setJsonValue(QString::fromStdString(option.defaultValue));
    return editor;
}

} // namespace

OptionEditor *createMethodOptionEditor(MethodKind kind, const OptionDescription &option, QWidget *parent)
{
    if (kind == MethodKind::Lst && option.key == "reduction")
        return prepared(new ReductionSlider(option), option, parent);
    return createOptionEditor(option, parent);
}

OptionEditor *createOptionEditor(const OptionDescription &option, QWidget *parent)
{
    OptionEditor *editor = nullptr;
    if (option.type == OptionType::LayerSelection)
        editor = new LadderPicker(option);
    else if (option.type == OptionType::Integer)
        editor = new IntegerEditor(option);
    else if (option.type == OptionType::Number)
        editor = new NumberEditor(option);
    else if (option.type == OptionType::Boolean)
        editor = new BooleanEditor(option);
    else if (option.type == OptionType::Choice)
        editor = new ChoiceEditor(option);
    else if (option.type == OptionType::NameSet)
        editor = new NameSetEditor(option);
    else
        editor = new TextEditor(option);
    return prepared(editor, option, parent);
}

} // namespace ladder
