// SPDX-License-Identifier: GPL-3.0-or-later
// Typed editors for configuration options, generated from the options' declarations
// (config/OptionDescription.h): a spin box within the declared range for an integer, a combo
// box of the declared choices, a check box per LoRA target, the ladder picker for LST's layers
// and the reduction slider for its r. No editor restates a type, range or choice of its own.
#pragma once

#include "config/OptionDescription.h"
#include "model/T5Config.h"
#include "peft/MethodConfig.h"

#include <QWidget>

class QFormLayout;

namespace ladder {

class OptionEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OptionEditor)

public:
    explicit OptionEditor(OptionDescription option, QWidget *parent = nullptr);

    const OptionDescription &option() const { return m_option; }
    /// The value as JSON text: "8", "0.1", "true", "\"fisher\"", "[\"q\",\"v\"]".
    virtual QString jsonValue() const = 0;
    /// Shows the JSON value `json`; false (and nothing changes) when this editor cannot hold it.
    virtual bool setJsonValue(const QString &json) = 0;
    /// The backbone the method applies to. Editors whose valid values depend on its shape (LST's
    /// reduction factor, its ladder layers) follow it; the others ignore it.
    virtual void setBackbone(const T5Config &backbone);
    /// Whether the editor holds the option's declared default.
    bool holdsDefault() const;
    /// Puts the declared default back.
    void resetToDefault();
    /// The option's label for a form: its key without the section, with spaces ("gate temperature",
    /// "weight decay" for "train.weight_decay").
    QString label() const;

Q_SIGNALS:
    /// Emitted for the user's edits and for setJsonValue() alike.
    void valueChanged();

private:
    OptionDescription m_option;
};

/// Adds `editor` to `form` as a row: its label, the editor, and a button that puts the declared
/// default back (enabled while the value differs from it).
void addOptionRow(QFormLayout *form, OptionEditor *editor);

/// The editor of the option's declared type, holding its default.
OptionEditor *createOptionEditor(const OptionDescription &option, QWidget *parent = nullptr);

/// The editor for one option of the method `kind`: LST's "reduction" gets the reduction slider;
/// every other option (LST's "layers": the ladder picker) the editor of its declared type.
OptionEditor *createMethodOptionEditor(MethodKind kind, const OptionDescription &option, QWidget *parent = nullptr);

} // namespace ladder
