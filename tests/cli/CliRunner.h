// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the built `ladder` executable and collects its exit code and output.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace ladder::test {

struct CliResult
{
    int exitCode = -1; ///< -1: crashed or did not finish in time
    QString out;
    QString err;
};

inline CliResult runLadder(const QStringList &arguments,
    const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(LADDER_BIN_DIR "/ladder"), arguments);
    CliResult result;
    if (!process.waitForFinished(120000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace ladder::test
