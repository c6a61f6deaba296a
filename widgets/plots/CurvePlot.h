// SPDX-License-Identifier: GPL-3.0-or-later
// One titled plot of curves: fixed axis margins, the legend in its own row below the axes, a
// cursor readout above the plot, and the export context menu. RunCurves holds four of them.
#pragma once

#include <qcustomplot.h>

#include <QList>
#include <QWidget>

class QLabel;

namespace ladder {

class CurvePlot : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurvePlot)

public:
    /// A curve the cursor readout lists. For a band of a stacked area, `below` is the band
    /// under it: the readout shows the band's own height. For a smoothed curve, `raw` is the
    /// unsmoothed one, shown beside it.
    struct ReadoutCurve
    {
        QCPGraph *graph = nullptr;
        QString name;
        QColor colour;
        QCPGraph *below = nullptr;
        QCPGraph *raw = nullptr;
    };

    CurvePlot(const QString &title, const QString &yLabel, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    void setXLabel(const QString &label);
    void setYLabel(const QString &label);
    /// Decimals of x in the readout: 0 for steps and examples, 1 for seconds.
    void setXDecimals(int decimals) { m_xDecimals = decimals; }
    /// Formats y values in the readout (e.g. 4 significant digits plus a unit).
    void setValueSuffix(const QString &suffix) { m_valueSuffix = suffix; }

    void setReadoutCurves(const QList<ReadoutCurve> &curves);
    /// The readout at x: every curve's value at its nearest point at or before x, as rich text.
    QString readoutAt(double x) const;
    /// The readout currently shown (plain text), empty when the cursor is not over the plot
    /// (the box then shows a grey hint).
    QString readoutText() const;

    /// The ranges the data needs. Applied unless the user has dragged or zoomed the plot since
    /// the last double click (which returns to them). Returns whether the axes changed.
    bool setDataRanges(const QCPRange &x, const QCPRange &y);

    /// A buffered layer above the stored curves for a live run's: while the axes stay put, a
    /// live tick redraws this layer alone (see redrawLiveLayer()).
    QCPLayer *liveLayer() const { return m_liveLayer; }
    /// Redraws the live layer and composes the plot from its cached layers; `immediately`
    /// paints now instead of on the next paint event.
    void redrawLiveLayer(bool immediately);

    /// Lays the legend out below the axes in rows of at most `columns` entries, fewer where the
    /// plot is too narrow to show them whole (and again on every resize).
    void setLegendColumns(int columns);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showCursor(double x);
    void hideCursor();
    void applyDataRanges();

    QLabel *m_readout = nullptr;
    QCustomPlot *m_plot = nullptr;
    QCPItemStraightLine *m_cursor = nullptr;
    QCPLayer *m_cursorLayer = nullptr;
    QCPLayer *m_liveLayer = nullptr;
    int m_legendColumns = 4;
    QList<ReadoutCurve> m_curves;
    QString m_valueSuffix;
    QString m_xLabel;
    int m_xDecimals = 0;
    QCPRange m_dataX{0, 1};
    QCPRange m_dataY{0, 1};
    bool m_userRange = false;
    bool m_applyingRange = false;
};

} // namespace ladder
