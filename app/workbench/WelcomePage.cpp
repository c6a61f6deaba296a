// SPDX-License-Identifier: GPL-3.0-or-later
#include "WelcomePage.h"

#include <QCommandLinkButton>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace ladder {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcome"));
    auto *column = new QWidget(this);
    column->setMaximumWidth(720);
    column->setMinimumWidth(480);
    auto *layout = new QVBoxLayout(column);
    layout->setSpacing(10);

    auto *title = new QLabel(tr("Welcome to Ladder Workbench"), column);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    auto *intro = new QLabel(
        tr("Ladder Side-Tuning (LST) fine-tunes a large pretrained model without backpropagating through it: "
           "the backbone stays frozen, and a small side network, fed through ladders from the backbone's "
           "layers, is all that trains. On T5-base the paper measured 69% less training memory than full "
           "fine-tuning, where Adapters and LoRA save about 26%, at similar accuracy."),
        column);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addSpacing(8);

    auto *demo = new QCommandLinkButton(tr("Run the demo"),
        tr("LST, Adapters and LoRA fine-tuned on the shipped wordnet-t5-tiny, their loss, memory and accuracy "
           "plotted side by side as they train (about a minute and a half on two cores)."),
        column);
    demo->setObjectName(QStringLiteral("welcomeDemo"));
    auto *ladder = new QCommandLinkButton(tr("See why LST saves memory"),
        tr("The ladder view: the frozen backbone, the side network beside it, and where each method's "
           "training memory goes."),
        column);
    ladder->setObjectName(QStringLiteral("welcomeLadder"));
    auto *design = new QCommandLinkButton(tr("Design your own run"),
        tr("Choose a backbone (a preset or a HuggingFace T5 folder), a method and its options, and a task "
           "(GLUE or your own TSV, CSV or JSONL file) in the Run panel; the predictor says whether it fits."),
        column);
    design->setObjectName(QStringLiteral("welcomeDesign"));
    for (QCommandLinkButton *button : {demo, ladder, design})
        layout->addWidget(button);
    connect(demo, &QCommandLinkButton::clicked, this, &WelcomePage::demoRequested);
    connect(ladder, &QCommandLinkButton::clicked, this, &WelcomePage::ladderViewRequested);
    connect(design, &QCommandLinkButton::clicked, this, &WelcomePage::designRequested);

    layout->addSpacing(8);
    auto *cli = new QLabel(tr("Runs are kept in the history below. The same engine runs without a window: "
                              "<code>ladder train --help</code>."),
        column);
    cli->setWordWrap(true);
    cli->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(cli);

    // Centred in a grid without alignment flags: an aligned widget gets its size hint's height,
    // which cuts the wrapped texts short; a grid cell gets its height for the width it has.
    auto *outer = new QGridLayout(this);
    outer->addWidget(column, 1, 1);
    outer->setColumnStretch(0, 1);
    outer->setColumnStretch(2, 1);
    outer->setRowStretch(0, 1);
    outer->setRowStretch(2, 2);
}

} // namespace ladder
