// SPDX-License-Identifier: GPL-3.0-or-later
// The compare view (central area): for the selected runs, the paper's story — peak memory by
// category, score against memory with the Pareto frontier, the paper-style table, and where
// their configurations differ. Follows unfinished runs while they train.
#pragma once

#include "experiments/RunComparison.h"

#include <QList>
#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace ladder {

class ComparisonTableModel;
class ConfigDifferenceModel;
class PeakMemoryBars;
class RunStore;
class ScoreMemoryBubbles;
class WorkbenchSettings;

class CompareView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareView)

public:
    /// Opens its own connection to the database at `databasePath` (throws ladder::Error when it
    /// cannot be opened). `settings` (may be null, not owned) keeps the splitters' sizes.
    explicit CompareView(const QString &databasePath, WorkbenchSettings *settings = nullptr, QWidget *parent = nullptr);
    ~CompareView() override;

    /// Compares these runs (in this order); unfinished ones are followed every second until
    /// they end. Runs missing from the store are left out and named in the view.
    void setRuns(const QList<qint64> &runIds);
    QList<qint64> runs() const { return m_runIds; }
    /// Reads the runs again now (the timer does this while any is unfinished).
    void refresh();

    /// What is shown, exactly as compareRuns() returned it.
    const RunComparison &comparison() const { return m_comparison; }

    PeakMemoryBars *memoryPlot() const { return m_memoryPlot; }
    ScoreMemoryBubbles *scorePlot() const { return m_scorePlot; }
    QTableView *table() const { return m_table; }
    QTableView *differencesTable() const { return m_differences; }

    // The export buttons' work, without the file dialog. False with *error set on failure.
    bool exportCsv(const QString &file, QString *error) const;
    bool exportMarkdown(const QString &file, QString *error) const;
    bool exportJson(const QString &file, QString *error) const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void sizeTablesToContent();
    void followIfUnfinished();
    void pollStore();
    void showComparison();
    void showMessage(const QString &message);
    void exportWithDialog(const QString &title, const QString &filter, const QString &suffix,
        bool (CompareView::*write)(const QString &, QString *) const);
    void saveSplitters();

    std::unique_ptr<RunStore> m_store;
    WorkbenchSettings *m_settings = nullptr;
    QList<qint64> m_runIds;
    RunComparison m_comparison;
    std::int64_t m_dataVersion = -1;
    QTimer m_followTimer;
    bool m_tablesSized = false; // the user moved a splitter (or restored one): keep theirs

    QStackedWidget *m_pages = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_missing = nullptr;
    QSplitter *m_vertical = nullptr;
    QSplitter *m_plots = nullptr;
    QSplitter *m_tables = nullptr;
    PeakMemoryBars *m_memoryPlot = nullptr;
    ScoreMemoryBubbles *m_scorePlot = nullptr;
    ComparisonTableModel *m_tableModel = nullptr;
    ConfigDifferenceModel *m_differenceModel = nullptr;
    QTableView *m_table = nullptr;
    QTableView *m_differences = nullptr;
};

} // namespace ladder
