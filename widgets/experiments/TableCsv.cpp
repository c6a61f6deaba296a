// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/TableCsv.h"

#include <QAbstractItemModel>
#include <QStringList>

namespace ladder {

namespace {

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QByteArray tableCsv(const QAbstractItemModel *model, const QList<int> &rows, const QList<int> &columns)
{
    QStringList lines;
    QStringList header;
    for (int column : columns)
        header << csvField(model->headerData(column, Qt::Horizontal).toString());
    lines << header.join(QLatin1Char(','));
    for (int row : rows) {
        QStringList fields;
        for (int column : columns)
            fields << csvField(model->index(row, column).data().toString());
        lines << fields.join(QLatin1Char(','));
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

} // namespace ladder
