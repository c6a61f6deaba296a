// SPDX-License-Identifier: GPL-3.0-or-later
// RunStore's renaming and its change counter: what the workbench's history uses to rename a run
// and to notice runs another connection (another process's `ladder train`) wrote.

#include "StoreTestSupport.h"

#include "store/RunStore.h"
#include "store/RunWriter.h"
#include "util/Error.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace ladder;
using ladder::test::sampleRun;

class TestRunStoreAdditions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void setNameRenamesOnlyThatRun()
    {
        RunStore store(path("rename.sqlite"));
        const RunId first = store.createRun(sampleRun("first"));
        const RunId second = store.createRun(sampleRun("second"));
        const std::string hash = store.run(first).configHash;
        store.setName(first, "lst r=8 · t5-base · sst2, pruned");
        QCOMPARE(store.run(first).name, std::string("lst r=8 · t5-base · sst2, pruned"));
        QCOMPARE(store.run(second).name, std::string("second"));
        QCOMPARE(store.run(first).configHash, hash); // the name is not part of the configuration
        // Another connection reads the new name.
        QCOMPARE(RunStore(path("rename.sqlite")).run(first).name, std::string("lst r=8 · t5-base · sst2, pruned"));
    }

    void setNameOfAMissingRunIsAnError()
    {
        RunStore store(path("rename-missing.sqlite"));
        try {
            store.setName(7, "x");
            QFAIL("renaming a missing run did not throw");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("no run 7") != std::string::npos, e.what());
        }
    }

    void dataVersionChangesWhenAnotherConnectionCommits()
    {
        RunStore store(path("version.sqlite"));
        const std::int64_t start = store.dataVersion();
        QCOMPARE(store.dataVersion(), start); // polling alone changes nothing

        // This connection's own writes leave it unchanged (documented: callers poll for others).
        const RunId own = store.createRun(sampleRun("own"));
        store.setName(own, "renamed");
        QCOMPARE(store.dataVersion(), start);

        // Another connection in this process: a RunStore, then a RunWriter committing points.
        RunStore other(path("version.sqlite"));
        const RunId theirs = other.createRun(sampleRun("theirs"));
        const std::int64_t afterCreate = store.dataVersion();
        QVERIFY(afterCreate != start);
        {
            RunWriter writer(path("version.sqlite"), theirs);
            writer.addMetric("loss", 1, 2.5);
            writer.finish(RunStatus::Finished);
        }
        QVERIFY(store.dataVersion() != afterCreate);
    }

    void dataVersionSeesAnotherProcess()
    {
        RunStore store(path("process.sqlite"));
        const std::int64_t before = store.dataVersion();
        // Another process writing a run through the store, as `ladder train` would.
        QProcess writer;
        writer.start(QStringLiteral(LADDER_BIN_DIR "/store_crash_writer"),
            { QString::fromStdString(path("process.sqlite")), QStringLiteral("100") });
        QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));
        QByteArray output;
        while (!output.contains("committed ")) {
            QVERIFY2(writer.waitForReadyRead(20000), "store_crash_writer printed nothing for 20 s");
            output += writer.readAllStandardOutput();
        }
        writer.kill();
        writer.waitForFinished();
        QVERIFY(store.dataVersion() != before);
        QCOMPARE(store.listRuns().size(), std::size_t(1));
    }

private:
    std::string path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestRunStoreAdditions)
#include "test_run_store_additions.moc"
