#pragma once

#include "ui/sweep/SweepChartData.h"

#include <QWidget>

class AccuracyCurveChart;
class ClassAccuracyChart;
class FeatureDropChart;
class JobProgress;
class JobRunner;
class QComboBox;
class QLabel;
class QPushButton;
class SweepFeed;
class SweepRunList;
class SweepSettings;
class WorkspaceSession;

/// Noise and masking sweeps (step 7 of the method): choose models, levels, strategies and scope, run the
/// sweep off the GUI thread and watch the charts fill in as batches finish; reopen and compare stored runs;
/// export the charts (PNG, PDF) and the results (CSV, JSON).
class SweepPage : public QWidget
{
    Q_OBJECT

public:
    /// Sweeps of the session's workspace; follows it.
    explicit SweepPage(WorkspaceSession* session, QWidget* parent = nullptr);

    /// Shows these stored runs (one: reopened; several: compared).
    void showStoredRuns(const QList<qint64>& runIds);
    /// Writes the three charts as BASE-accuracy.EXT, BASE-classes.EXT and BASE-features.EXT for
    /// `path` = BASE.EXT (.png or .pdf); returns the files written.
    QStringList exportCharts(const QString& path);
    /// Writes the first shown run's results as CSV (".csv") or JSON (else); false with a message box when
    /// nothing is shown or the file cannot be written.
    bool exportResults(const QString& path);

    SweepSettings* settings() const { return m_settings; }
    SweepRunList* runList() const { return m_runs; }
    JobRunner* runner() const { return m_runner; }
    JobProgress* progress() const { return m_progress; }
    QPushButton* startButton() const { return m_start; }
    QComboBox* strategyView() const { return m_showStrategy; }
    QComboBox* sigmaView() const { return m_showSigma; }
    AccuracyCurveChart* curveChart() const { return m_curve; }
    ClassAccuracyChart* classChart() const { return m_classes; }
    FeatureDropChart* featureChart() const { return m_features; }
    QLabel* statusLabel() const { return m_status; }
    const std::vector<ChartRun>& shownRuns() const { return m_shown; }

public Q_SLOTS:
    void startSweep();

Q_SIGNALS:
    /// The charts were drawn again (a batch finished, or other runs or views were chosen).
    void chartsUpdated();

private:
    void showRuns(std::vector<ChartRun> runs);
    void updateViewChoices();
    void redrawCharts();
    void showLive();
    void finishRun();
    void chooseExportCharts();
    void chooseExportResults();
    QWidget* buildControls();
    QWidget* buildCharts();
    void workspaceChanged();

    WorkspaceSession* m_session = nullptr;
    JobRunner* m_runner = nullptr;
    SweepFeed* m_feed = nullptr;
    SweepSettings* m_settings = nullptr;
    SweepRunList* m_runs = nullptr;
    JobProgress* m_progress = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_exportCharts = nullptr;
    QPushButton* m_exportResults = nullptr;
    QComboBox* m_showStrategy = nullptr;
    QComboBox* m_showSigma = nullptr;
    QLabel* m_status = nullptr;
    AccuracyCurveChart* m_curve = nullptr;
    ClassAccuracyChart* m_classes = nullptr;
    FeatureDropChart* m_features = nullptr;
    std::vector<ChartRun> m_shown;
};
