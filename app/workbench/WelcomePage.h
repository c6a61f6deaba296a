// SPDX-License-Identifier: GPL-3.0-or-later
// What a first start shows while the run history is empty: what LST is in three sentences, and
// the three ways in — the demo, the teaching view, designing a run. It leaves once a run exists.
#pragma once

#include <QWidget>

namespace ladder {

class WelcomePage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    explicit WelcomePage(QWidget *parent = nullptr);

Q_SIGNALS:
    void demoRequested();
    void ladderViewRequested();
    void designRequested();
};

} // namespace ladder
