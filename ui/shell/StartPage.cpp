#include "ui/shell/StartPage.h"

#include "ui/shell/RecentWorkspaceDelegate.h"
#include "ui/widgets/LabelStyle.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

StartPage::StartPage(QWidget* parent) : QWidget(parent)
{
    setObjectName("startPage");

    m_title = new QLabel(tr("Salient Studio"), this);
    m_title->setObjectName("startTitle");
    m_title->setTextInteractionFlags(Qt::NoTextInteraction);

    m_tagline = new QLabel(tr("Find the spurious features your image classifier leans on"), this);
    m_tagline->setObjectName("startTagline");
    m_tagline->setWordWrap(true);
    m_tagline->setForegroundRole(QPalette::PlaceholderText);

    m_openButton =
        new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open Workspace\u2026"), this);
    m_openButton->setObjectName("openWorkspaceButton");
    m_openButton->setDefault(true);
    m_openButton->setMinimumHeight(fontMetrics().height() * 2 + fontMetrics().height() / 2);
    m_openButton->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()));
    m_openButton->setMinimumWidth(fontMetrics().averageCharWidth() * 24);
    m_openButton->setToolTip(
        tr("Choose a workspace folder. A folder without salient.db becomes a new workspace."));
    connect(m_openButton, &QPushButton::clicked, this, &StartPage::browseRequested);
    m_demoButton = new QPushButton(tr("Try the Demo…"), this);
    m_demoButton->setObjectName("createDemoButton");
    m_demoButton->setMinimumHeight(m_openButton->minimumHeight());
    m_demoButton->setToolTip(tr("Make the Spurious Fashion demo in a new workspace: a world with planted "
                                "spurious cues, a robust and a standard model"));
    connect(m_demoButton, &QPushButton::clicked, this, &StartPage::demoRequested);

    auto* openHint =
        new QLabel(tr("Pick a folder that holds a workspace, or an empty folder to start a new one."), this);
    openHint->setWordWrap(true);
    openHint->setForegroundRole(QPalette::PlaceholderText);

    m_recentHeading = new QLabel(tr("Recent Workspaces"), this);

    m_recentList = new QListWidget(this);
    m_recentList->setObjectName("recentWorkspaces");
    m_recentList->setItemDelegate(new RecentWorkspaceDelegate(m_recentList));
    m_recentList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_recentList->setUniformItemSizes(true);
    m_recentList->setContextMenuPolicy(Qt::CustomContextMenu);
    m_recentList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_recentList->setAccessibleName(tr("Recent workspaces"));
    // itemActivated covers double-click (or single click where the style says so) and Enter.
    connect(m_recentList, &QListWidget::itemActivated, this, &StartPage::activate);
    connect(m_recentList, &QWidget::customContextMenuRequested, this, &StartPage::showContextMenu);
    auto* removeShortcut =
        new QShortcut(QKeySequence::Delete, m_recentList, nullptr, nullptr, Qt::WidgetShortcut);
    connect(removeShortcut, &QShortcut::activated, this, &StartPage::removeCurrent);

    m_emptyLabel = new QLabel(tr("No recent workspaces yet.\nOpen a folder to start your first one."), this);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setWordWrap(true);

    m_recentStack = new QStackedWidget(this);
    m_recentStack->addWidget(m_emptyLabel);
    m_recentStack->addWidget(m_recentList);

    m_hint = new QLabel(
        tr("Double-click or press Enter to open \u00b7 Delete removes an entry from the list"), this);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setWordWrap(true);

    const QString version = QCoreApplication::applicationVersion();
    auto* footer = new QLabel(version.isEmpty() ? QString() : tr("Version %1").arg(version), this);
    footer->setForegroundRole(QPalette::PlaceholderText);
    footer->setAlignment(Qt::AlignRight);

    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_openButton);
    buttonRow->addWidget(m_demoButton);
    buttonRow->addStretch(1);

    // A centred column whose width follows the font, so the page reads the same at any DPI.
    auto* column = new QVBoxLayout;
    column->setSpacing(0);
    column->addWidget(m_title);
    column->addSpacing(fontMetrics().height() / 3);
    column->addWidget(m_tagline);
    column->addSpacing(fontMetrics().height() * 2);
    column->addLayout(buttonRow);
    column->addSpacing(fontMetrics().height() / 2);
    column->addWidget(openHint);
    column->addSpacing(fontMetrics().height() * 2);
    column->addWidget(m_recentHeading);
    column->addSpacing(fontMetrics().height() / 2);
    column->addWidget(m_recentStack, 1);
    column->addSpacing(fontMetrics().height() / 2);
    column->addWidget(m_hint);
    column->addSpacing(fontMetrics().height());
    column->addWidget(footer);

    auto* columnWidget = new QWidget(this);
    columnWidget->setLayout(column);
    columnWidget->setMaximumWidth(fontMetrics().averageCharWidth() * 96);
    columnWidget->setMinimumWidth(fontMetrics().averageCharWidth() * 48);

    auto* centering = new QHBoxLayout;
    centering->addStretch(1);
    centering->addWidget(columnWidget, 100); // as wide as allowed; the stretches take the rest
    centering->addStretch(1);

    auto* outer = new QVBoxLayout(this);
    const int margin = fontMetrics().height() * 2;
    outer->setContentsMargins(margin, margin, margin, margin);
    outer->addLayout(centering, 1);

    updateFonts();
    setRecentWorkspaces({});
    setFocusProxy(m_openButton);
}

void StartPage::updateFonts()
{
    const QFont base = font();
    m_title->setFont(scaledFont(base, 2.4, QFont::Bold));
    m_tagline->setFont(scaledFont(base, 1.25, QFont::Normal));
    m_recentHeading->setFont(scaledFont(base, 1.15, QFont::DemiBold));
}

void StartPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::ApplicationFontChange)
        updateFonts();
}

void StartPage::setRecentWorkspaces(const QStringList& dirs)
{
    m_recent = dirs;
    const QString current =
        m_recentList->currentItem() != nullptr
            ? m_recentList->currentItem()->data(RecentWorkspaceDelegate::PathRole).toString()
            : QString();
    m_recentList->clear();
    for (const QString& dir : dirs) {
        const QFileInfo info(dir);
        const bool exists = info.isDir();
        QString name = info.fileName();
        if (name.isEmpty())
            name = QDir::toNativeSeparators(dir);
        auto* item = new QListWidgetItem(name, m_recentList);
        item->setData(RecentWorkspaceDelegate::PathRole, dir);
        item->setData(RecentWorkspaceDelegate::ExistsRole, exists);
        item->setIcon(style()->standardIcon(exists ? QStyle::SP_DirIcon : QStyle::SP_MessageBoxWarning));
        item->setToolTip(exists ? QDir::toNativeSeparators(dir)
                                : tr("%1\nThis folder no longer exists.").arg(QDir::toNativeSeparators(dir)));
        if (dir == current)
            m_recentList->setCurrentItem(item);
    }
    if (m_recentList->currentItem() == nullptr && m_recentList->count() > 0)
        m_recentList->setCurrentRow(0, QItemSelectionModel::NoUpdate);
    m_recentStack->setCurrentWidget(dirs.isEmpty() ? static_cast<QWidget*>(m_emptyLabel) : m_recentList);
    m_hint->setVisible(!dirs.isEmpty());
}

void StartPage::activate(QListWidgetItem* item)
{
    if (item != nullptr)
        Q_EMIT openRequested(item->data(RecentWorkspaceDelegate::PathRole).toString());
}

void StartPage::removeCurrent()
{
    if (QListWidgetItem* item = m_recentList->currentItem())
        Q_EMIT removeRequested(item->data(RecentWorkspaceDelegate::PathRole).toString());
}

void StartPage::showContextMenu(const QPoint& position)
{
    QListWidgetItem* item = m_recentList->itemAt(position);
    if (item == nullptr)
        return;
    const QString dir = item->data(RecentWorkspaceDelegate::PathRole).toString();
    QMenu menu(this);
    QAction* open = menu.addAction(tr("&Open"));
    open->setEnabled(item->data(RecentWorkspaceDelegate::ExistsRole).toBool());
    QAction* remove = menu.addAction(tr("&Remove from List"));
    QAction* chosen = menu.exec(m_recentList->viewport()->mapToGlobal(position));
    if (chosen == open)
        Q_EMIT openRequested(dir);
    else if (chosen == remove)
        Q_EMIT removeRequested(dir);
}
