#include "ui/sweep/SweepPage.h"

#include "ui/sweep/AccuracyCurveChart.h"
#include "ui/sweep/ClassAccuracyChart.h"
#include "ui/sweep/FeatureDropChart.h"
#include "ui/sweep/SweepFeed.h"
#include "ui/sweep/SweepRunList.h"
#include "ui/sweep/SweepSettings.h"
#include "ui/widgets/JobProgress.h"
#include "ui/widgets/JobRunner.h"
#include "ui/widgets/WorkspaceSession.h"

#include "core/sweep/SweepExport.h"
#include "database/Workspace.h"
#include "pipeline/SweepStep.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <set>

using namespace salient;

SweepPage::SweepPage(WorkspaceSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_runner(new JobRunner(this)), m_feed(new SweepFeed(this))
{
    setObjectName("sweepPage");
    m_runner->setDescription(tr("Running a sweep"));
    setWindowTitle(tr("Noise and Masking Sweeps"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildControls());
    splitter->addWidget(buildCharts());
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(1, false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    connect(m_start, &QPushButton::clicked, this, &SweepPage::startSweep);
    connect(m_feed, &SweepFeed::updated, this, &SweepPage::showLive);
    connect(m_runner, &JobRunner::started, this, [this] {
        m_start->setEnabled(false);
        m_status->setText(tr("Running…"));
    });
    connect(m_runner, &JobRunner::ended, this, [this] { m_start->setEnabled(m_session->isOpen()); });
    connect(m_runner, &JobRunner::succeeded, this, [this] {
        m_status->setText(tr("Finished and stored."));
        finishRun();
    });
    connect(m_runner, &JobRunner::cancelled, this, [this] {
        m_status->setText(tr("Cancelled; the batches done so far are stored."));
        finishRun();
    });
    connect(m_runner, &JobRunner::failed, this, [this](const QString& message) {
        m_status->setText(tr("The sweep failed: %1").arg(message));
        finishRun();
    });
    connect(m_runs, &SweepRunList::selectionChanged, this, [this](const QList<qint64>& runs) {
        if (!m_runner->isRunning())
            showStoredRuns(runs);
    });
    connect(m_showStrategy, &QComboBox::currentIndexChanged, this, &SweepPage::redrawCharts);
    connect(m_showSigma, &QComboBox::currentIndexChanged, this, &SweepPage::redrawCharts);
    connect(m_session, &WorkspaceSession::opened, this, &SweepPage::workspaceChanged);
    connect(m_session, &WorkspaceSession::closed, this, &SweepPage::workspaceChanged);
    connect(m_session, &WorkspaceSession::changed, this, [this](WorkspaceSession::Area area) {
        if (area == WorkspaceSession::Area::Sweeps)
            m_runs->reload();
        else if (area == WorkspaceSession::Area::Setup)
            m_settings->reload();
    });
    workspaceChanged();
}

QWidget* SweepPage::buildControls()
{
    auto* controls = new QWidget;
    m_settings = new SweepSettings(m_session, controls);
    m_start = new QPushButton(tr("&Start Sweep"), controls);
    m_start->setDefault(true);
    m_start->setToolTip(tr("Run the sweep; the charts fill in as batches finish (Ctrl+Return)"));
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_progress = new JobProgress(m_runner, controls);
    m_status = new QLabel(controls);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_runs = new SweepRunList(m_session, controls);
    m_runs->setMinimumHeight(fontMetrics().height() * 8);

    auto* layout = new QVBoxLayout(controls);
    layout->addWidget(m_settings);
    layout->addWidget(m_start);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_runs, 1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(controls->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    return scroll;
}

QWidget* SweepPage::buildCharts()
{
    auto* charts = new QWidget;
    m_showStrategy = new QComboBox(charts);
    m_showStrategy->setToolTip(tr("The strategy the charts show"));
    m_showSigma = new QComboBox(charts);
    m_showSigma->setToolTip(tr("The level of the per-class and per-feature charts"));
    m_exportCharts = new QPushButton(tr("Export Charts…"), charts);
    m_exportCharts->setToolTip(tr("Save the three charts as PNG or PDF"));
    m_exportResults = new QPushButton(tr("Export Results…"), charts);
    m_exportResults->setToolTip(tr("Save every count of the shown run as CSV or JSON"));
    connect(m_exportCharts, &QPushButton::clicked, this, &SweepPage::chooseExportCharts);
    connect(m_exportResults, &QPushButton::clicked, this, &SweepPage::chooseExportResults);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show"), charts));
    bar->addWidget(m_showStrategy);
    bar->addWidget(new QLabel(tr("at"), charts));
    bar->addWidget(m_showSigma);
    bar->addStretch(1);
    bar->addWidget(m_exportCharts);
    bar->addWidget(m_exportResults);

    m_curve = new AccuracyCurveChart(charts);
    m_classes = new ClassAccuracyChart(charts);
    m_features = new FeatureDropChart(charts);
    auto* lower = new QSplitter(Qt::Horizontal);
    lower->addWidget(m_classes);
    lower->addWidget(m_features);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto* vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(m_curve);
    vertical->addWidget(lower);

    auto* layout = new QVBoxLayout(charts);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(vertical, 1);
    return charts;
}

void SweepPage::workspaceChanged()
{
    if (m_runner->isRunning())
        m_runner->cancel();
    m_settings->reload();
    m_runs->reload();
    m_start->setEnabled(m_session->isOpen() && !m_runner->isRunning());
    m_status->setText(m_session->isOpen() ? QString() : tr("No workspace is open."));
    showRuns({});
}

void SweepPage::startSweep()
{
    if (!m_session->isOpen() || m_runner->isRunning())
        return;
    QString error;
    const auto options = m_settings->options(&error);
    if (!options) {
        m_status->setText(error);
        return;
    }
    m_feed->clear();
    showRuns({});
    const std::string path = m_session->nativePath();
    SweepFeed* feed = m_feed;
    m_runner->start([path, options = *options, feed](const Job& job) {
        // A connection of this thread's own: SQLite connections are not shared across threads.
        Workspace workspace = WorkspaceSession::openWorkerConnection(path);
        runSweepStep(workspace, options, job, [feed](const SweepResults& partial) { feed->post(partial); });
    });
}

void SweepPage::showLive()
{
    const auto latest = m_feed->latest();
    if (!latest || !m_runner->isRunning())
        return;
    m_status->setText(tr("%1 of %2 images done…").arg(latest->imagesDone).arg(latest->scopeImages));
    showRuns({ChartRun{QString(), latest}});
}

void SweepPage::finishRun()
{
    m_runs->reload();
    const QList<qint64> runs = m_runs->selectedRuns();
    // The newest run is the one just ended (when it got as far as being stored).
    if (m_runs->newestRun() >= 0 && m_feed->latest()) {
        m_runs->select({m_runs->newestRun()});
    } else {
        showStoredRuns(runs);
    }
}

void SweepPage::showStoredRuns(const QList<qint64>& runIds)
{
    std::vector<ChartRun> runs;
    try {
        Workspace& workspace = m_session->workspace();
        for (qint64 id : runIds) {
            auto results = std::make_shared<SweepResults>(loadSweepRun(workspace, id).results);
            runs.push_back({runIds.size() > 1 ? tr("run %1").arg(id) : QString(), std::move(results)});
        }
    } catch (const std::exception& e) {
        m_status->setText(tr("The run could not be read: %1").arg(QString::fromStdString(e.what())));
    }
    showRuns(std::move(runs));
}

void SweepPage::showRuns(std::vector<ChartRun> runs)
{
    m_shown = std::move(runs);
    updateViewChoices();
    redrawCharts();
}

void SweepPage::updateViewChoices()
{
    const QString strategy = m_showStrategy->currentText();
    const QVariant sigma = m_showSigma->currentData();
    std::vector<SweepStrategy> strategies;
    std::set<double> sigmas;
    for (const ChartRun& run : m_shown) {
        for (SweepStrategy s : run.results->strategies)
            if (std::find(strategies.begin(), strategies.end(), s) == strategies.end())
                strategies.push_back(s);
        sigmas.insert(run.results->sigmas.begin(), run.results->sigmas.end());
    }
    const QSignalBlocker blockStrategy(m_showStrategy), blockSigma(m_showSigma);
    m_showStrategy->clear();
    for (SweepStrategy s : strategies)
        m_showStrategy->addItem(QString::fromStdString(strategyName(s)), int(s));
    m_showStrategy->setCurrentIndex(std::max(0, m_showStrategy->findText(strategy)));
    m_showSigma->clear();
    for (double s : sigmas)
        m_showSigma->addItem(QString::number(s), s);
    const int keep = sigma.isValid() ? m_showSigma->findData(sigma) : -1;
    m_showSigma->setCurrentIndex(keep >= 0 ? keep : m_showSigma->count() - 1);
    m_exportCharts->setEnabled(!m_shown.empty());
    m_exportResults->setEnabled(!m_shown.empty());
}

void SweepPage::redrawCharts()
{
    ChartSelection selection;
    if (m_showStrategy->currentIndex() >= 0)
        selection.strategy = SweepStrategy(m_showStrategy->currentData().toInt());
    if (m_showSigma->currentIndex() >= 0)
        selection.sigma = m_showSigma->currentData().toDouble();
    m_curve->showRuns(m_shown, selection);
    m_classes->showRuns(m_shown, selection);
    m_features->showRuns(m_shown, selection);
    Q_EMIT chartsUpdated();
}

QStringList SweepPage::exportCharts(const QString& path)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix().compare("pdf", Qt::CaseInsensitive) == 0 ? "pdf" : "png";
    const QString base = info.dir().filePath(info.completeBaseName());
    QStringList written;
    const std::pair<SweepChart*, const char*> charts[] = {
        {m_curve, "accuracy"}, {m_classes, "classes"}, {m_features, "features"}};
    for (const auto& [chart, name] : charts) {
        const QString file = base + '-' + name + '.' + suffix;
        if (chart->saveTo(file))
            written << file;
    }
    return written;
}

bool SweepPage::exportResults(const QString& path)
{
    if (m_shown.empty())
        return false;
    const SweepResults& results = *m_shown.front().results;
    const std::string text =
        path.endsWith(".csv", Qt::CaseInsensitive) ? sweepResultsCsv(results) : sweepResultsJson(results);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit()) {
        QMessageBox::warning(this, tr("Export Results"), tr("%1 could not be written.").arg(path));
        return false;
    }
    return true;
}

void SweepPage::chooseExportCharts()
{
    QString filter;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Charts"), m_session->path() + "/sweep.png",
                                     tr("PNG images (*.png);;PDF documents (*.pdf)"), &filter);
    if (path.isEmpty())
        return;
    const QStringList written = exportCharts(path);
    m_status->setText(tr("Wrote %1.").arg(written.join(", ")));
}

void SweepPage::chooseExportResults()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Results"), m_session->path() + "/sweep.csv",
                                     tr("CSV table (*.csv);;JSON document (*.json)"));
    if (!path.isEmpty() && exportResults(path))
        m_status->setText(tr("Wrote %1.").arg(path));
}
