// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/PlotExport.h"

#include <qcustomplot.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextStream>

#include <cmath>

namespace ladder {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error != nullptr)
        *error = message;
    return false;
}

/// What a plot is called in exported data: its title element, else its object name.
QString plotTitle(QCustomPlot *plot)
{
    for (QCPLayoutElement *element : plot->plotLayout()->elements(true)) {
        if (auto *text = qobject_cast<QCPTextElement *>(element))
            return text->text();
    }
    return plot->objectName();
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    return QString::number(value, 'g', 17);
}

bool saveSvg(QCustomPlot *plot, const QString &file, QString *error)
{
    const int width = plot->width();
    const int height = plot->height();
    QSvgGenerator generator;
    generator.setFileName(file);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setTitle(plotTitle(plot));
    QCPPainter painter;
    if (!painter.begin(&generator))
        return fail(error, QCoreApplication::translate("ladder::PlotExport", "Cannot write %1.").arg(file));
    plot->toPainter(&painter, width, height);
    painter.end();
    // QSvgGenerator reports no write error; an empty or missing file is the only sign of one.
    if (QFileInfo(file).size() <= 0)
        return fail(error, QCoreApplication::translate("ladder::PlotExport", "Cannot write %1.").arg(file));
    return true;
}

QString suffixFilter()
{
    return QCoreApplication::translate("ladder::PlotExport", "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");
}

} // namespace

bool savePlotImage(QCustomPlot *plot, const QString &file, QString *error)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    bool written = false;
    if (suffix == QLatin1String("png"))
        written = plot->savePng(file);
    else if (suffix == QLatin1String("pdf"))
        written = plot->savePdf(file);
    else if (suffix == QLatin1String("svg"))
        return saveSvg(plot, file, error);
    else
        return fail(error, QCoreApplication::translate("ladder::PlotExport", "%1: unknown image type \"%2\"; use a name ending in .png, .svg or .pdf.").arg(file, suffix));
    return written ? true : fail(error, QCoreApplication::translate("ladder::PlotExport", "Cannot write %1.").arg(file));
}

bool savePlotData(QCustomPlot *plot, const QString &file, QString *error)
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text))
        return fail(error, QCoreApplication::translate("ladder::PlotExport", "Cannot write %1: %2.").arg(file, out.errorString()));
    QTextStream stream(&out);
    stream << "plot,curve,x,y\n";
    const QString title = csvField(plotTitle(plot));
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable *plottable = plot->plottable(i);
        // Graphs, curves, bars, boxes, financial charts: anything with one value per key.
        // A colour map has no such data and is left out.
        QCPPlottableInterface1D *data = plottable->interface1D();
        if (data == nullptr)
            continue;
        const QString curve = csvField(plottable->name());
        for (int row = 0; row < data->dataCount(); ++row) {
            stream << title << ',' << curve << ',' << csvNumber(data->dataMainKey(row)) << ','
                   << csvNumber(data->dataMainValue(row)) << '\n';
        }
    }
    stream.flush();
    if (stream.status() != QTextStream::Ok || !out.commit())
        return fail(error, QCoreApplication::translate("ladder::PlotExport", "Cannot write %1: %2.").arg(file, out.errorString()));
    return true;
}

void addPlotExportActions(QMenu *menu, QCustomPlot *plot)
{
    menu->addAction(QCoreApplication::translate("ladder::PlotExport", "Export image…"), plot, [plot] {
        QString filter;
        QString file = QFileDialog::getSaveFileName(plot, QCoreApplication::translate("ladder::PlotExport", "Export image"),
            plotTitle(plot) + QStringLiteral(".png"), suffixFilter(), &filter);
        // A name typed without a suffix takes the chosen filter's ("(*.svg)" gives ".svg").
        if (!file.isEmpty() && QFileInfo(file).suffix().isEmpty()) {
            const qsizetype dot = filter.lastIndexOf(QLatin1Char('.'));
            if (dot >= 0)
                file += filter.mid(dot).chopped(1);
        }
        QString error;
        if (!file.isEmpty() && !savePlotImage(plot, file, &error))
            QMessageBox::warning(plot, QCoreApplication::translate("ladder::PlotExport", "Export image"), error);
    });
    menu->addAction(QCoreApplication::translate("ladder::PlotExport", "Export data…"), plot, [plot] {
        const QString file = QFileDialog::getSaveFileName(plot, QCoreApplication::translate("ladder::PlotExport", "Export data"),
            plotTitle(plot) + QStringLiteral(".csv"), QCoreApplication::translate("ladder::PlotExport", "CSV table (*.csv)"));
        QString error;
        if (!file.isEmpty() && !savePlotData(plot, file, &error))
            QMessageBox::warning(plot, QCoreApplication::translate("ladder::PlotExport", "Export data"), error);
    });
}

void installPlotExportMenu(QCustomPlot *plot)
{
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot](const QPoint &position) {
        QMenu menu(plot);
        addPlotExportActions(&menu, plot);
        menu.exec(plot->mapToGlobal(position));
    });
}

} // namespace ladder
