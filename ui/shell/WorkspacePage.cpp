#include "ui/shell/WorkspacePage.h"

#include "ui/annotate/AnnotatePage.h"
#include "ui/dataset/DatasetBrowser.h"
#include "ui/features/FeatureBrowser.h"
#include "ui/overview/DemoSummary.h"
#include "ui/overview/IndexPanel.h"
#include "ui/overview/WorkspaceSetupDialog.h"
#include "ui/sweep/SweepPage.h"
#include "ui/widgets/JobRunner.h"
#include "ui/widgets/LabelStyle.h"
#include "ui/widgets/VerticalScrollArea.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/Workspace.h"

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStyle>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

enum Column
{
    NameColumn,
    KindColumn,
    SizeColumn,
    ModifiedColumn,
};

QString describeKind(const QFileInfo& info)
{
    if (info.isDir())
        return WorkspacePage::tr("Folder");
    if (info.fileName() == QLatin1String(salient::Workspace::DatabaseFileName))
        return WorkspacePage::tr("Workspace database");
    const QString suffix = info.suffix();
    return suffix.isEmpty() ? WorkspacePage::tr("File") : WorkspacePage::tr("%1 file").arg(suffix.toUpper());
}

/// Sorts folders before files, then by name; the size column by bytes.
class EntryItem : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;

    bool operator<(const QTreeWidgetItem& other) const override
    {
        const int column = treeWidget() != nullptr ? treeWidget()->sortColumn() : NameColumn;
        const bool dir = data(NameColumn, Qt::UserRole).toBool();
        const bool otherDir = other.data(NameColumn, Qt::UserRole).toBool();
        if (dir != otherDir)
            return dir;
        if (column == SizeColumn)
            return data(SizeColumn, Qt::UserRole).toLongLong() <
                   other.data(SizeColumn, Qt::UserRole).toLongLong();
        if (column == ModifiedColumn)
            return data(ModifiedColumn, Qt::UserRole).toDateTime() <
                   other.data(ModifiedColumn, Qt::UserRole).toDateTime();
        return text(column).localeAwareCompare(other.text(column)) < 0;
    }
};

} // namespace

WorkspacePage::WorkspacePage(WorkspaceSession* session, QWidget* parent) : QWidget(parent), m_session(session)
{
    setObjectName("workspacePage");

    m_title = new QLabel(this);
    m_title->setObjectName("workspaceTitle");

    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_refreshButton->setToolTip(tr("List the workspace folder again"));
    connect(m_refreshButton, &QPushButton::clicked, this, &WorkspacePage::refresh);
    m_closeButton =
        new QPushButton(style()->standardIcon(QStyle::SP_DialogCloseButton), tr("Close Workspace"), this);
    connect(m_closeButton, &QPushButton::clicked, this, &WorkspacePage::closeRequested);

    m_sweepButton = new QPushButton(tr("S&weeps…"), this);
    m_sweepButton->setObjectName("sweepButton");
    m_sweepButton->setToolTip(tr("Noise and masking sweeps: core and spurious accuracy of any classifier"));
    connect(m_sweepButton, &QPushButton::clicked, this, [this] { runStep(MethodDashboard::Step::Sweeps); });

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_sweepButton);
    header->addWidget(m_refreshButton);
    header->addWidget(m_closeButton);

    auto makeValue = [this] {
        auto* label = new QLabel(this);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setWordWrap(true);
        return label;
    };
    m_location = makeValue();
    m_database = makeValue();
    m_schema = makeValue();

    auto* facts = new QFormLayout;
    facts->setLabelAlignment(Qt::AlignLeft);
    facts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    facts->setRowWrapPolicy(QFormLayout::DontWrapRows);
    auto makeName = [this](const QString& text) {
        auto* label = new QLabel(text, this);
        label->setForegroundRole(QPalette::PlaceholderText);
        return label;
    };
    facts->addRow(makeName(tr("Location")), m_location);
    facts->addRow(makeName(tr("Database")), m_database);
    facts->addRow(makeName(tr("Schema version")), m_schema);

    m_demoSummary = new DemoSummary(this);
    m_indexPanel = new IndexPanel(session, this);
    m_indexPanel->showProgressOnly();
    m_dashboard = new MethodDashboard(session, this);
    connect(m_dashboard, &MethodDashboard::actionRequested, this, &WorkspacePage::runStep);
    // "Build Feature Index" on a workspace that names no images or model asks for them, then builds.
    connect(m_indexPanel, &IndexPanel::setupRequired, this, [this] {
        if (setUpWorkspace())
            m_indexPanel->buildIndex();
    });
    connect(m_indexPanel->runner(), &JobRunner::started, this,
            [this] { m_dashboard->setRunning(MethodDashboard::Step::Index, true); });
    connect(m_indexPanel->runner(), &JobRunner::ended, this,
            [this] { m_dashboard->setRunning(MethodDashboard::Step::Index, false); });

    m_contentsHeading = new QLabel(tr("Contents"), this);
    m_contentsHint = new QLabel(this);
    m_contentsHint->setForegroundRole(QPalette::PlaceholderText);
    m_contentsHint->setWordWrap(true);

    m_contents = new QTreeWidget(this);
    m_contents->setObjectName("workspaceContents");
    m_contents->setHeaderLabels({tr("Name"), tr("Kind"), tr("Size"), tr("Modified")});
    m_contents->setRootIsDecorated(false);
    m_contents->setUniformRowHeights(true);
    m_contents->setAlternatingRowColors(true);
    m_contents->setSortingEnabled(true);
    m_contents->sortByColumn(NameColumn, Qt::AscendingOrder);
    m_contents->setSelectionMode(QAbstractItemView::SingleSelection);
    m_contents->header()->setStretchLastSection(false);
    m_contents->header()->setMinimumSectionSize(fontMetrics().averageCharWidth() * 8);
    m_contents->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int column : {KindColumn, SizeColumn, ModifiedColumn})
        m_contents->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // Names stay readable in a narrow window: the view scrolls sideways before the name column vanishes.
    m_contents->setMinimumWidth(fontMetrics().averageCharWidth() * 80);

    // The overview tab: where the workspace is, what it holds, its feature index.
    auto* overview = new QWidget(this);
    overview->setObjectName("workspaceOverview");
    auto* layout = new QVBoxLayout(overview);
    layout->setSpacing(fontMetrics().height() / 2);
    layout->addLayout(facts);
    layout->addSpacing(fontMetrics().height());
    layout->addWidget(m_dashboard);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_demoSummary);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_indexPanel);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_contentsHeading);
    layout->addWidget(m_contentsHint);
    layout->addWidget(m_contents, 1);

    m_featureBrowser = new FeatureBrowser(session, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("workspaceTabs");
    m_tabs->setDocumentMode(true);
    // Scrolls in a small window rather than squeezing the steps' text.
    m_tabs->addTab(verticalScrollArea(overview, this), tr("&Overview"));
    m_tabs->addTab(m_featureBrowser, tr("F&eatures"));
    m_annotatePage = new AnnotatePage(session, this);
    m_tabs->addTab(m_annotatePage, tr("&Annotate"));
    m_datasetBrowser = new DatasetBrowser(session, this);
    m_tabs->addTab(m_datasetBrowser, tr("&Dataset"));
    connect(m_datasetBrowser->buildRunner(), &JobRunner::started, this,
            [this] { m_dashboard->setRunning(MethodDashboard::Step::Dataset, true); });
    connect(m_datasetBrowser->buildRunner(), &JobRunner::ended, this,
            [this] { m_dashboard->setRunning(MethodDashboard::Step::Dataset, false); });
    connect(session, &WorkspaceSession::opened, this, &WorkspacePage::showWorkspace);
    connect(session, &WorkspaceSession::closed, this, &WorkspacePage::clear);
    // What the CLI, a cluster job or another annotator commits shows up in the listing too.
    connect(session, &WorkspaceSession::changed, this, &WorkspacePage::refresh);
    // Ctrl+1, Ctrl+2, ... switch tabs.
    for (int i = 0; i < 9; ++i) {
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this);
        connect(shortcut, &QShortcut::activated, this, [this, i] {
            if (i < m_tabs->count())
                m_tabs->setCurrentIndex(i);
        });
    }

    auto* page = new QVBoxLayout(this);
    const int margin = fontMetrics().height();
    page->setContentsMargins(margin, margin, margin, margin);
    page->addLayout(header);
    page->addWidget(m_tabs, 1);

    updateFonts();
    if (session->isOpen())
        showWorkspace();
}

void WorkspacePage::updateFonts()
{
    m_title->setFont(scaledFont(font(), 1.8, QFont::Bold));
    m_contentsHeading->setFont(scaledFont(font(), 1.15, QFont::DemiBold));
}

void WorkspacePage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::ApplicationFontChange)
        updateFonts();
}

QString WorkspacePage::workspacePath() const
{
    return m_session->path();
}

void WorkspacePage::showWorkspace()
{
    const QString path = m_session->path();
    const QFileInfo folder(path);
    m_title->setText(folder.fileName().isEmpty() ? QDir::toNativeSeparators(path) : folder.fileName());
    m_location->setText(QDir::toNativeSeparators(path));
    m_database->setText(QString::fromLatin1(salient::Workspace::DatabaseFileName));
    const int version = m_session->workspace().schemaVersion();
    const int latest = salient::Workspace::latestSchemaVersion();
    m_schema->setText(version == latest ? tr("%1 (current)").arg(version)
                                        : tr("%1 (this program knows up to %2)").arg(version).arg(latest));
    m_demoSummary->load(path);
    refresh();
}

void WorkspacePage::clear()
{
    m_title->clear();
    m_location->clear();
    m_database->clear();
    m_schema->clear();
    m_contentsHint->clear();
    m_contents->clear();
    m_demoSummary->hide();
    if (m_sweepPage)
        m_sweepPage->hide();
}

bool WorkspacePage::setUpWorkspace()
{
    WorkspaceSetupDialog dialog(m_session, this);
    return dialog.exec() == QDialog::Accepted;
}

void WorkspacePage::runStep(MethodDashboard::Step step)
{
    using Step = MethodDashboard::Step;
    const bool done = m_dashboard->state(step) == MethodDashboard::State::Done;
    switch (step) {
    case Step::Setup:
        setUpWorkspace();
        break;
    case Step::Index:
        m_indexPanel->buildIndex();
        break;
    case Step::Discovery:
    case Step::Validation:
        m_tabs->setCurrentWidget(m_annotatePage);
        if (m_dashboard->state(step) == MethodDashboard::State::NotStarted)
            m_annotatePage->newStudy(step == Step::Discovery ? salient::StudyKind::Discovery
                                                             : salient::StudyKind::Validation);
        break;
    case Step::Dataset:
        m_tabs->setCurrentWidget(m_datasetBrowser);
        if (!done)
            m_datasetBrowser->buildDataset();
        break;
    case Step::Sweeps:
        sweepPage()->show();
        sweepPage()->raise();
        sweepPage()->activateWindow();
        break;
    }
}

SweepPage* WorkspacePage::sweepPage()
{
    if (!m_sweepPage) {
        // A window of its own: the charts want room, and the page stays usable beside them.
        m_sweepPage = new SweepPage(m_session, this);
        m_sweepPage->setWindowFlag(Qt::Window);
        m_sweepPage->resize(1280, 720);
        connect(m_sweepPage->runner(), &JobRunner::started, this,
                [this] { m_dashboard->setRunning(MethodDashboard::Step::Sweeps, true); });
        connect(m_sweepPage->runner(), &JobRunner::ended, this,
                [this] { m_dashboard->setRunning(MethodDashboard::Step::Sweeps, false); });
    }
    return m_sweepPage;
}

void WorkspacePage::refresh()
{
    m_contents->clear();
    if (!m_session->isOpen())
        return;

    const QDir dir(m_session->path());
    const QString db = QString::fromLatin1(salient::Workspace::DatabaseFileName);
    // SQLite's -wal and -shm files belong to salient.db while it is open; they are not listed on their own.
    const QStringList hidden = {db + "-wal", db + "-shm", db + "-journal"};
    const QFileInfoList entries =
        dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot, QDir::DirsFirst | QDir::Name);
    const QLocale locale;
    const QIcon folderIcon = style()->standardIcon(QStyle::SP_DirIcon);
    const QIcon fileIcon = style()->standardIcon(QStyle::SP_FileIcon);
    int listed = 0;
    for (const QFileInfo& info : entries) {
        if (hidden.contains(info.fileName()))
            continue;
        auto* item = new EntryItem(m_contents);
        item->setText(NameColumn, info.fileName());
        item->setIcon(NameColumn, info.isDir() ? folderIcon : fileIcon);
        item->setData(NameColumn, Qt::UserRole, info.isDir());
        item->setToolTip(NameColumn, QDir::toNativeSeparators(info.absoluteFilePath()));
        item->setText(KindColumn, describeKind(info));
        if (!info.isDir()) {
            qint64 size = info.size();
            if (info.fileName() == db) {
                // The database's committed-but-not-checkpointed pages live in the WAL file.
                size += QFileInfo(dir.filePath(db + "-wal")).size();
            }
            item->setText(SizeColumn, locale.formattedDataSize(size));
            item->setData(SizeColumn, Qt::UserRole, size);
            item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        }
        const QDateTime modified = info.lastModified();
        item->setText(ModifiedColumn, locale.toString(modified, QLocale::ShortFormat));
        item->setData(ModifiedColumn, Qt::UserRole, modified);
        ++listed;
    }
    if (listed <= 1)
        m_contentsHint->setText(
            tr("This workspace holds only its database so far. Indexes, studies and sweeps "
               "will appear here as they are made."));
    else
        m_contentsHint->setText(tr("%1 items at the top level of the workspace folder.").arg(listed));
}
