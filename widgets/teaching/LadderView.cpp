// SPDX-License-Identifier: GPL-3.0-or-later
#include "teaching/LadderView.h"

#include "teaching/LadderDiagram.h"
#include "teaching/MemoryComparisonChart.h"
#include "train/RunConfig.h"
#include "util/Error.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ladder {

LadderView::LadderView(QWidget *parent)
    : QWidget(parent)
    , m_diagram(new LadderDiagram(this))
    , m_memory(new MemoryComparisonChart(this))
    , m_memoryTitle(new QLabel(this))
    , m_gateStep(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_diagram, 3);
    layout->addWidget(m_gateStep);
    layout->addWidget(m_memoryTitle);
    layout->addWidget(m_memory, 2);
    auto *why = new QLabel(tr("Why LST's activations are small: the backbone is frozen and no gradient flows back "
                              "through it, so autograd keeps none of its internals, only each ladder's input (the "
                              "backbone block's output) and the narrow side network's own activations."),
        this);
    why->setWordWrap(true);
    layout->addWidget(why);
    QFont bold = m_memoryTitle->font();
    bold.setBold(true);
    m_memoryTitle->setFont(bold);
    m_memoryTitle->setWordWrap(true);
    m_gateStep->setText(tr("Gate values μ appear on the ladders while an LST run trains."));
}

void LadderView::setDesign(const RunConfig &config)
{
    try {
        m_design = LadderDesign::fromRunConfig(config);
        m_hasDesign = true;
        m_error.clear();
        m_diagram->setDesign(m_design);
        m_gateStep->setVisible(m_design.method == MethodKind::Lst);
    } catch (const Error &error) {
        m_hasDesign = false;
        m_error = QString::fromStdString(error.what());
        m_diagram->setError(m_error);
    }
    m_memoryTitle->setText(tr("Where the memory goes: predicted peak of one training step, batch %1, %2 source "
                              "tokens")
                               .arg(config.train.batchSize)
                               .arg(config.train.maxSourceLength));
    m_memory->setConfig(config);
}

bool LadderView::setGateValues(const std::vector<double> &gates)
{
    return m_diagram->setGateValues(gates);
}

void LadderView::clearGateValues()
{
    m_diagram->clearGateValues();
    m_gateStep->setText(tr("Gate values μ appear on the ladders while an LST run trains."));
}

double LadderView::gateValue(int ladder) const
{
    return m_diagram->gateValue(ladder);
}

void LadderView::showGates(qint64 step, const std::vector<double> &gates)
{
    if (setGateValues(gates))
        m_gateStep->setText(tr("Gate values μ after step %1.").arg(step));
}

} // namespace ladder
