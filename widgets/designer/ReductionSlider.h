// SPDX-License-Identifier: GPL-3.0-or-later
// LST's reduction factor r as a slider over the values the chosen backbone allows: the side
// network's d_model, d_ff and d_kv are the backbone's divided by r, so r must divide all three
// (lstSideConfig refuses anything else). Beside it, the side network's widths that r gives.
#pragma once

#include "designer/OptionEditor.h"

#include <vector>

class QLabel;
class QSlider;

namespace ladder {

class ReductionSlider final : public OptionEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReductionSlider)

public:
    explicit ReductionSlider(const OptionDescription &option, QWidget *parent = nullptr);

    QString jsonValue() const override;
    bool setJsonValue(const QString &json) override;
    void setBackbone(const T5Config &backbone) override;

    /// The factors the slider offers: every r >= the declared minimum dividing d_model, d_ff and d_kv.
    const std::vector<int64_t> &choices() const { return m_choices; }
    int64_t reduction() const { return m_reduction; }

private:
    void rebuildChoices();
    void showReduction();

    T5Config m_backbone;
    int64_t m_reduction = 8;
    std::vector<int64_t> m_choices;
    QSlider *m_slider = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_widths = nullptr;
};

} // namespace ladder
