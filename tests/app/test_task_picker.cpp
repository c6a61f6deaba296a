// SPDX-License-Identifier: GPL-3.0-or-later
// The designer's task picker: a GLUE folder offers exactly the tasks it holds, by the engine's
// names; a user's file shows its first rows, its columns and its class balance as the engine
// reads them, and the reader's "file:line" message when a row is malformed; every kind of task
// comes out of the designer as the block `ladder train` accepts, and goes back in unchanged.
// Files are read on a worker thread: the window does not wait for a large one, and a read
// overtaken by a newer choice never shows. Chosen folders and files are offered again.

#include "designer/RecentPathsButton.h"
#include "designer/RunDesigner.h"
#include "designer/TaskPicker.h"
#include "model/T5Config.h"
#include "settings/WorkbenchSettings.h"

#include "data/GenericTask.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QListWidget>
#include <QLocale>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <exception>

namespace {

template <typename T> T *child(const ladder::RunDesigner &designer, const char *name)
{
    T *widget = designer.findChild<T *>(QLatin1String(name));
    if (widget == nullptr)
        qFatal("no child %s", name);
    return widget;
}

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text);
}

/// A GLUE task folder as distributed: train.tsv and dev.tsv with the headers of GLUE-FORMATS.md.
void writeGlueTask(const QString &root, const QString &folder)
{
    const QString dir = QDir(root).filePath(folder);
    if (folder == QStringLiteral("SST-2")) {
        for (const char *file : {"train.tsv", "dev.tsv"})
            writeFile(QDir(dir).filePath(QLatin1String(file)), "sentence\tlabel\na gripping film \t1\ndull and long \t0\n");
        writeFile(QDir(dir).filePath(QStringLiteral("test.tsv")), "index\tsentence\n0\tunseen\n");
    } else if (folder == QStringLiteral("RTE")) {
        for (const char *file : {"train.tsv", "dev.tsv"})
            writeFile(QDir(dir).filePath(QLatin1String(file)),
                "index\tsentence1\tsentence2\tlabel\n0\tA cat sat.\tAn animal sat.\tentailment\n"
                "1\tA cat sat.\tA dog ran.\tnot_entailment\n");
    }
}

/// Saves the designer at dock size under $LADDER_SCREENSHOT_DIR, for review (nothing when unset).
void saveScreenshot(ladder::RunDesigner &designer, const QString &name)
{
    const QString dir = qEnvironmentVariable("LADDER_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    // As the workbench's scroll area shows it: dock-wide, and as tall as its contents need.
    designer.show();
    designer.layout()->activate();
    // As wide as the window lets the dock be (its minimum is the designer's size hint).
    designer.resize(designer.sizeHint().width(), std::max(900, designer.sizeHint().height()));
    designer.layout()->activate();
    designer.grab().save(QDir(dir).filePath(name));
}

/// Waits for the task file's background read to end; false if it has not within 30 s.
bool waitForFileRead(const ladder::RunDesigner &designer)
{
    const auto *picker = designer.findChild<ladder::TaskPicker *>();
    return picker != nullptr && QTest::qWaitFor([picker] { return !picker->isReadingFile(); }, 30000);
}

QStringList comboItems(const QComboBox *box)
{
    QStringList items;
    for (int i = 0; i < box->count(); ++i)
        items << box->itemText(i);
    return items;
}

const QByteArray kReviews = "text\tlabel\n"
                            "a gripping film\tpositive\n"
                            "dull and long\tnegative\n"
                            "I laughed throughout\tpositive\n"
                            "\"quoted\" but fine\tpositive\n";

} // namespace

class TestTaskPicker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void glueFolderOffersExactlyItsTasks_data();
    void glueFolderOffersExactlyItsTasks();
    void folderWithoutGlueFilesSaysSoInline();
    void fileShowsFirstRowsColumnsAndClassBalance();
    void malformedTsvShowsTheReadersFileAndLine();
    void configRoundTripsForEveryKind_data();
    void configRoundTripsForEveryKind();
    void largeFileIsReadWithoutBlockingAndANewerChoiceWins();
    void chosenFoldersAndFilesAreOfferedAgain();
};

void TestTaskPicker::glueFolderOffersExactlyItsTasks_data()
{
    QTest::addColumn<QStringList>("folders");
    QTest::addColumn<QString>("chosen"); // relative to the temporary folder
    QTest::addColumn<QStringList>("expected");
    const QString sst2 = QStringLiteral("SST-2");
    const QString rte = QStringLiteral("RTE");
    QTest::newRow("GLUE root with SST-2 and RTE") << QStringList{sst2, rte} << QString()
                                                  << QStringList{QStringLiteral("sst2"), QStringLiteral("rte")};
    QTest::newRow("one task's own folder") << QStringList{sst2, rte} << rte << QStringList{QStringLiteral("rte")};
}

void TestTaskPicker::glueFolderOffersExactlyItsTasks()
{
    QFETCH(QStringList, folders);
    QFETCH(QString, chosen);
    QFETCH(QStringList, expected);
    QTemporaryDir root;
    for (const QString &folder : folders)
        writeGlueTask(root.path(), folder);
    QDir(root.path()).mkpath(QStringLiteral("notes"));
    // A CoLA folder without its files is not a task a run could read.
    QDir(root.path()).mkpath(QStringLiteral("CoLA"));

    ladder::RunDesigner designer;
    const QString dir = chosen.isEmpty() ? root.path() : QDir(root.path()).filePath(chosen);
    QVERIFY(designer.chooseGlueFolder(dir));
    QCOMPARE(comboItems(child<QComboBox>(designer, "glueTask")), expected);
    QVERIFY(child<QLabel>(designer, "glueError")->isHidden());
    const std::optional<ladder::RunConfig> config = designer.config();
    QVERIFY(config);
    QCOMPARE(config->task.kind, std::string("glue"));
    QCOMPARE(QString::fromStdString(config->task.name), expected.first());
    QVERIFY(QFile::exists(QDir(QString::fromStdString(config->task.dir)).filePath(QStringLiteral("train.tsv"))));
    if (chosen.isEmpty())
        saveScreenshot(designer, QStringLiteral("designer-glue-folder.png"));
}

void TestTaskPicker::folderWithoutGlueFilesSaysSoInline()
{
    QTemporaryDir root;
    ladder::RunDesigner designer;
    QVERIFY(!designer.chooseGlueFolder(root.path()));
    const QLabel *error = child<QLabel>(designer, "glueError");
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().startsWith(QStringLiteral("no GLUE task files in ") + root.path()), qPrintable(error->text()));
    QCOMPARE(child<QComboBox>(designer, "glueTask")->count(), 0);
    QString message;
    QVERIFY(!designer.config(&message)); // task.dir is empty: `ladder train` would refuse it too
    QVERIFY(message.contains(QStringLiteral("task.dir")));
}

void TestTaskPicker::fileShowsFirstRowsColumnsAndClassBalance()
{
    QTemporaryDir root;
    const QString path = QDir(root.path()).filePath(QStringLiteral("reviews.tsv"));
    writeFile(path, kReviews);
    ladder::RunDesigner designer;
    QVERIFY(designer.chooseTaskFile(path));
    QVERIFY(waitForFileRead(designer));
    QVERIFY(child<QLabel>(designer, "fileError")->isHidden());
    QCOMPARE(child<QComboBox>(designer, "taskFormat")->currentData().toString(), QStringLiteral("tsv"));
    QCOMPARE(child<QComboBox>(designer, "labelColumn")->currentText(), QStringLiteral("label"));
    const QListWidget *columns = child<QListWidget>(designer, "textColumns");
    QCOMPARE(columns->count(), 2);
    QCOMPARE(columns->item(0)->checkState(), Qt::Checked);   // text
    QCOMPARE(columns->item(1)->checkState(), Qt::Unchecked); // label

    const QAbstractItemModel *preview = child<QTableView>(designer, "taskPreview")->model();
    QCOMPARE(preview->rowCount(), 4);
    QCOMPARE(preview->columnCount(), 2);
    QCOMPARE(preview->headerData(0, Qt::Horizontal).toString(), QStringLiteral("text"));
    QCOMPARE(preview->headerData(1, Qt::Horizontal).toString(), QStringLiteral("label"));
    QCOMPARE(preview->index(0, 0).data().toString(), QStringLiteral("a gripping film"));
    QCOMPARE(preview->index(3, 0).data().toString(), QStringLiteral("\"quoted\" but fine")); // TSV: quotes are text
    QCOMPARE(preview->index(1, 1).data().toString(), QStringLiteral("negative"));
    QCOMPARE(preview->headerData(0, Qt::Vertical).toString(), QStringLiteral("2")); // the file's line
    QCOMPARE(child<QLabel>(designer, "classBalance")->text(), QStringLiteral("negative: 1 · positive: 3"));
    saveScreenshot(designer, QStringLiteral("designer-task-file.png"));
}

void TestTaskPicker::malformedTsvShowsTheReadersFileAndLine()
{
    QTemporaryDir root;
    const QString path = QDir(root.path()).filePath(QStringLiteral("broken.tsv"));
    writeFile(path, "text\tlabel\ngood row\tpositive\na row with\tthree\tfields\nlater\tnegative\n");
    // What the engine itself says about the file.
    QString expected;
    try {
        ladder::GenericTaskSpec spec;
        spec.textColumns = {"text"};
        ladder::readGenericFile(path.toStdString(), spec);
        QFAIL("the reader accepted a malformed row");
    } catch (const std::exception &e) {
        expected = QString::fromStdString(e.what());
    }
    QVERIFY2(expected.contains(path + QStringLiteral(":3")), qPrintable(expected));

    ladder::RunDesigner designer;
    QVERIFY(designer.chooseTaskFile(path)); // the header is fine; row 3 is found by the full read
    QVERIFY(waitForFileRead(designer));
    const QLabel *error = child<QLabel>(designer, "fileError");
    QVERIFY(!error->isHidden());
    QCOMPARE(error->text(), expected);
}

void TestTaskPicker::configRoundTripsForEveryKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("demo") << QStringLiteral("demo");
    QTest::newRow("glue") << QStringLiteral("glue");
    QTest::newRow("file") << QStringLiteral("file");
}

void TestTaskPicker::configRoundTripsForEveryKind()
{
    QFETCH(QString, kind);
    QTemporaryDir root;
    writeGlueTask(root.path(), QStringLiteral("SST-2"));
    writeGlueTask(root.path(), QStringLiteral("RTE"));
    const QString file = QDir(root.path()).filePath(QStringLiteral("pairs.csv"));
    writeFile(file, "id,premise,hypothesis,label\n1,\"A cat, black\",An animal,yes\n2,A cat,A dog,no\n");

    ladder::RunDesigner designer;
    if (kind == QStringLiteral("glue")) {
        QVERIFY(designer.chooseGlueFolder(root.path()));
        child<QComboBox>(designer, "glueTask")->setCurrentText(QStringLiteral("rte"));
    } else if (kind == QStringLiteral("file")) {
        QVERIFY(designer.chooseTaskFile(file));
        QVERIFY(waitForFileRead(designer));
        // Texts in the order hypothesis, premise; the id column left out.
        QListWidget *columns = child<QListWidget>(designer, "textColumns");
        columns->item(0)->setCheckState(Qt::Unchecked);
        columns->insertItem(1, columns->takeItem(2));
    }
    const std::optional<ladder::RunConfig> config = designer.config();
    QVERIFY(config);
    QCOMPARE(QString::fromStdString(config->task.kind), kind);
    if (kind == QStringLiteral("glue")) {
        QCOMPARE(config->task.name, std::string("rte"));
        QCOMPARE(QDir(QString::fromStdString(config->task.dir)).dirName(), QStringLiteral("RTE"));
    } else if (kind == QStringLiteral("file")) {
        QCOMPARE(config->task.train, file.toStdString());
        QCOMPARE(config->task.format, std::string("csv"));
        QCOMPARE(config->task.textColumns, (std::vector<std::string>{"hypothesis", "premise"}));
        QCOMPARE(config->task.labelColumn, std::string("label"));
    }
    // What `ladder train` reads back is the same run; shown in a fresh designer, the same again.
    const std::string json = config->toJson();
    const ladder::RunConfig parsed = ladder::RunConfig::fromJson(json, "designer");
    QCOMPARE(parsed.toJson(), json);
    ladder::RunDesigner loaded;
    loaded.setConfig(parsed);
    QVERIFY(loaded.config());
    QCOMPARE(loaded.config()->toJson(), json);
}

void TestTaskPicker::largeFileIsReadWithoutBlockingAndANewerChoiceWins()
{
    QTemporaryDir root;
    const QString large = QDir(root.path()).filePath(QStringLiteral("large.tsv"));
    QByteArray rows = "text\tlabel\n";
    for (int i = 0; i < 300000; ++i)
        rows += "row number " + QByteArray::number(i) + " of a long file\t" + (i % 3 == 0 ? "odd" : "even") + "\n";
    writeFile(large, rows);
    const QString small = QDir(root.path()).filePath(QStringLiteral("small.tsv"));
    writeFile(small, kReviews);

    ladder::RunDesigner designer;
    const auto *picker = designer.findChild<ladder::TaskPicker *>();
    QVERIFY(designer.chooseTaskFile(large));
    // chooseTaskFile returned with the rows still being read: the event loop was free meanwhile.
    QVERIFY(picker->isReadingFile());
    QVERIFY(child<QLabel>(designer, "classBalance")->text().contains(QStringLiteral("large.tsv")));
    QVERIFY(waitForFileRead(designer));
    QCOMPARE(child<QLabel>(designer, "classBalance")->text(),
        QStringLiteral("even: %1 · odd: %2").arg(QLocale().toString(200000), QLocale().toString(100000)));

    // A new choice while the large file is read: the large file's result, arriving later, is dropped.
    QVERIFY(designer.chooseTaskFile(large));
    QVERIFY(designer.chooseTaskFile(small));
    QVERIFY(waitForFileRead(designer));
    QTest::qWait(1500); // time for the large read to end, were it to be shown
    QCOMPARE(child<QLabel>(designer, "classBalance")->text(), QStringLiteral("negative: 1 · positive: 3"));
    QCOMPARE(child<QTableView>(designer, "taskPreview")->model()->rowCount(), 4);
}

void TestTaskPicker::chosenFoldersAndFilesAreOfferedAgain()
{
    QTemporaryDir root;
    writeGlueTask(root.path(), QStringLiteral("SST-2"));
    const QString file = QDir(root.path()).filePath(QStringLiteral("reviews.tsv"));
    writeFile(file, kReviews);
    const QDir backbone(QDir(root.path()).filePath(QStringLiteral("my-t5")));
    writeFile(backbone.filePath(QStringLiteral("config.json")),
        QByteArray::fromStdString(ladder::T5Config::preset("t5-tiny").toJson()));
    const QString removed = QDir(root.path()).filePath(QStringLiteral("removed.tsv"));
    writeFile(removed, kReviews);

    ladder::WorkbenchSettings settings(QDir(root.path()).filePath(QStringLiteral("settings.ini")));
    {
        ladder::RunDesigner designer;
        designer.setSettings(&settings);
        QVERIFY(designer.chooseGlueFolder(root.path()));
        QVERIFY(designer.chooseTaskFile(removed));
        QVERIFY(designer.chooseTaskFile(file));
        QVERIFY(designer.chooseBackboneFolder(backbone.path()));
        // A folder without GLUE files is not remembered.
        QVERIFY(!designer.chooseGlueFolder(backbone.path()));
    }
    QVERIFY(QFile::remove(removed));
    QCOMPARE(settings.recentPaths(ladder::WorkbenchSettings::PathKind::GlueFolder), QStringList{root.path()});

    // A new designer (the next start) offers them: the folder in the backbone list, the GLUE
    // folder and the file (most recent first, the removed one left out) under the buttons' arrows.
    ladder::RunDesigner designer;
    designer.setSettings(&settings);
    QVERIFY(comboItems(child<QComboBox>(designer, "backbone")).contains(backbone.path()));
    QCOMPARE(child<ladder::RecentPathsButton>(designer, "chooseGlueFolder")->existingRecentPaths(),
        QStringList{root.path()});
    QCOMPARE(child<ladder::RecentPathsButton>(designer, "chooseTaskFile")->existingRecentPaths(), QStringList{file});
    QCOMPARE(child<ladder::RecentPathsButton>(designer, "chooseTaskFile")->dialogStart(QString()), root.path());
    // Choosing one from the menu selects it as the dialog would.
    Q_EMIT child<ladder::RecentPathsButton>(designer, "chooseTaskFile")->recentChosen(file);
    QVERIFY(waitForFileRead(designer));
    QCOMPARE(child<QLabel>(designer, "classBalance")->text(), QStringLiteral("negative: 1 · positive: 3"));
}

QTEST_MAIN(TestTaskPicker)
#include "test_task_picker.moc"
