// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the built `ladder` executable and collects its exit code and output.
#pragma once

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QtGlobal>

#include <nlohmann/json.hpp>

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

/// The command's standard output as JSON; null (with a warning showing the output) when it
/// is not JSON, so the caller's field checks fail with something to read.
inline nlohmann::json parseJson(const CliResult &run)
{
    try {
        return nlohmann::json::parse(run.out.toStdString());
    } catch (const nlohmann::json::exception &e) {
        qWarning("not JSON: %s\nstdout: %s", e.what(), qPrintable(run.out));
        return nlohmann::json();
    }
}

/// Writes `contents` to `name` in `dir` and returns its path; stops the test when it cannot.
inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &contents)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace ladder::test
