// SPDX-License-Identifier: GPL-3.0-or-later
// The ladder picker: which backbone layers feed LST's side network, chosen by clicking the
// layers themselves, drawn as two strips (encoder, decoder). A preset ("the paper's", all, every
// 2nd or 3rd, the last half) or any set of layers; the strips show what the selection keeps in
// each stack of the chosen backbone, resolved by the engine's own resolveLstLayers(), and the
// summary says how many side blocks that makes. The engine takes one list for both stacks, so a
// click toggles the layer in both.
#pragma once

#include "designer/OptionEditor.h"

#include <optional>
#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;
class QToolButton;

namespace ladder {

class LadderPicker final : public OptionEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LadderPicker)

public:
    explicit LadderPicker(const OptionDescription &option, QWidget *parent = nullptr);

    /// "\"default\"", "\"all\"", "\"every:2\"" or a layer list such as "\"1,2,3,5\"".
    QString jsonValue() const override;
    bool setJsonValue(const QString &json) override;
    void setBackbone(const T5Config &backbone) override;

    /// The layers the current selection keeps on the backbone's encoder (empty when it names a
    /// layer the backbone lacks).
    std::vector<int64_t> keptLayers() const;

protected:
    /// A theme switch: the style-sheeted layer buttons are polished again in the new palette.
    void changeEvent(QEvent *event) override;

private:
    void rebuildButtons();
    void showSelection();
    void layerClicked(int layer, bool checked);
    /// "encoder"/"decoder" strip: its buttons, one per layer of the stack.
    QList<QToolButton *> addStrip(QGridLayout *grid, int row, const QString &title, int64_t depth);

    T5Config m_backbone;
    std::string m_spec = "default"; ///< what jsonValue() writes
    QComboBox *m_preset = nullptr;
    QGridLayout *m_grid = nullptr;
    QList<QWidget *> m_stripWidgets; ///< titles and buttons, rebuilt with the backbone
    QList<QToolButton *> m_encoderButtons;
    QList<QToolButton *> m_decoderButtons;
    QLabel *m_summary = nullptr;
};

} // namespace ladder
