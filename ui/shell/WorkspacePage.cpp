#include "ui/shell/WorkspacePage.h"

#include "ui/annotate/AnnotatePage.h"
#include "ui/dataset/DatasetBrowser.h"
#include "ui/features/FeatureBrowser.h"
#include "ui/overview/DemoSummary.h"
#include "ui/overview/IndexPanel.h"
#include "ui/shell/WorkspaceWatcher.h"
#include "ui/sweep/SweepPage.h"
#include "ui/sweep/SweepRunList.h"
#include "ui/widgets/LabelStyle.h"

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

WorkspacePage::WorkspacePage(QWidget* parent) : QWidget(parent)
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
    connect(m_sweepButton, &QPushButton::clicked, this, [this] {
        sweepPage()->show();
        sweepPage()->raise();
        sweepPage()->activateWindow();
    });

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
    m_indexPanel = new IndexPanel(this);
    connect(m_indexPanel, &IndexPanel::indexStored, this, &WorkspacePage::refresh);

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
    layout->addWidget(m_demoSummary);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_indexPanel);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_contentsHeading);
    layout->addWidget(m_contentsHint);
    layout->addWidget(m_contents, 1);

    m_featureBrowser = new FeatureBrowser(this);
    connect(m_indexPanel, &IndexPanel::indexStored, m_featureBrowser, &FeatureBrowser::reload);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("workspaceTabs");
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(overview, tr("&Overview"));
    m_tabs->addTab(m_featureBrowser, tr("F&eatures"));
    m_annotatePage = new AnnotatePage(this);
    m_tabs->addTab(m_annotatePage, tr("&Annotate"));
    m_datasetBrowser = new DatasetBrowser(this);
    m_tabs->addTab(m_datasetBrowser, tr("&Dataset"));
    followChanges();
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

void WorkspacePage::showWorkspace(const salient::Workspace& workspace)
{
    m_path = QFile::decodeName(QByteArray::fromStdString(workspace.path()));
    const QFileInfo folder(m_path);
    m_title->setText(folder.fileName().isEmpty() ? QDir::toNativeSeparators(m_path) : folder.fileName());
    m_location->setText(QDir::toNativeSeparators(m_path));
    m_database->setText(QString::fromLatin1(salient::Workspace::DatabaseFileName));
    const int version = workspace.schemaVersion();
    const int latest = salient::Workspace::latestSchemaVersion();
    m_schema->setText(version == latest ? tr("%1 (current)").arg(version)
                                        : tr("%1 (this program knows up to %2)").arg(version).arg(latest));
    m_demoSummary->load(m_path);
    m_indexPanel->setWorkspace(m_path);
    m_featureBrowser->setWorkspace(m_path);
    m_annotatePage->setWorkspace(m_path);
    m_datasetBrowser->setWorkspace(m_path);
    if (m_sweepPage)
        m_sweepPage->setWorkspace(m_path);
    m_watcher->setWorkspace(m_path);
    refresh();
}

void WorkspacePage::clear()
{
    m_path.clear();
    m_title->clear();
    m_location->clear();
    m_database->clear();
    m_schema->clear();
    m_contentsHint->clear();
    m_contents->clear();
    m_demoSummary->hide();
    m_watcher->setWorkspace({});
    m_indexPanel->setWorkspace({});
    m_featureBrowser->setWorkspace({});
    m_annotatePage->setWorkspace({});
    m_datasetBrowser->setWorkspace({});
    if (m_sweepPage) {
        m_sweepPage->setWorkspace({});
        m_sweepPage->hide();
    }
}

SweepPage* WorkspacePage::sweepPage()
{
    if (!m_sweepPage) {
        // A window of its own: the charts want room, and the page stays usable beside them.
        m_sweepPage = new SweepPage(this);
        m_sweepPage->setWindowFlag(Qt::Window);
        m_sweepPage->resize(1280, 720);
        m_sweepPage->setWorkspace(m_path);
    }
    return m_sweepPage;
}

void WorkspacePage::refresh()
{
    m_contents->clear();
    if (m_path.isEmpty())
        return;

    const QDir dir(m_path);
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

void WorkspacePage::followChanges()
{
    // What the CLI, a cluster job or another annotator commits shows up here within about a second.
    m_watcher = new WorkspaceWatcher(this);
    connect(m_watcher, &WorkspaceWatcher::indexChanged, m_indexPanel, &IndexPanel::reload);
    connect(m_watcher, &WorkspaceWatcher::indexChanged, m_featureBrowser, &FeatureBrowser::reload);
    connect(m_watcher, &WorkspaceWatcher::indexChanged, this, &WorkspacePage::refresh);
    connect(m_watcher, &WorkspaceWatcher::studiesChanged, m_annotatePage, &AnnotatePage::refreshStudies);
    connect(m_watcher, &WorkspaceWatcher::answersChanged, m_annotatePage, &AnnotatePage::updateProgress);
    connect(m_watcher, &WorkspaceWatcher::datasetChanged, m_datasetBrowser, &DatasetBrowser::reload);
    connect(m_watcher, &WorkspaceWatcher::sweepsChanged, this, [this] {
        if (m_sweepPage)
            m_sweepPage->runList()->reload();
    });
}
