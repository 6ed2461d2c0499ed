#include "ui/shell/MainWindow.h"

#include "database/Workspace.h"
#include "ui/shell/Appearance.h"
#include "ui/shell/DemoCreation.h"
#include "ui/shell/ShortcutsDialog.h"
#include "ui/shell/StartPage.h"
#include "ui/shell/WorkspaceMaintenance.h"
#include "ui/shell/WorkspacePage.h"
#include "ui/widgets/JobRunner.h"
#include "ui/widgets/WorkspaceSession.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>

#include <exception>

#ifndef SALIENT_VERSION
#define SALIENT_VERSION "unknown"
#endif

namespace {

const char* const GeometryKey = "mainWindow/geometry";
const char* const LastBrowseKey = "mainWindow/lastBrowseFolder";

QString appTitle()
{
    return QStringLiteral("Salient Studio");
}

std::string toFsPath(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

bool isEmptyFolder(const QString& dir)
{
    return QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName("mainWindow");
    setWindowTitle(appTitle());

    m_startPage = new StartPage(this);
    m_session = new WorkspaceSession(this);
    m_workspacePage = new WorkspacePage(m_session, this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_startPage);
    m_stack->addWidget(m_workspacePage);
    setCentralWidget(m_stack);

    connect(m_startPage, &StartPage::browseRequested, this, &MainWindow::browseForWorkspace);
    connect(m_startPage, &StartPage::demoRequested, this, &MainWindow::createDemoInteractively);
    m_demo = new DemoCreation(this);
    connect(m_demo, &DemoCreation::created, this, &MainWindow::openWorkspaceInteractively);
    connect(m_demo, &DemoCreation::failed, this, [this](const QString& message) {
        QMessageBox::warning(this, tr("Demo Workspace"), tr("The demo could not be made:\n%1").arg(message));
    });
    connect(m_startPage, &StartPage::openRequested, this, &MainWindow::openWorkspaceInteractively);
    connect(m_startPage, &StartPage::removeRequested, this, &MainWindow::removeRecent);
    connect(m_workspacePage, &WorkspacePage::closeRequested, this, &MainWindow::closeWorkspace);

    m_statusPath = new QLabel(this);
    m_statusPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_statusPath, 1);

    createActions();
    createMenus();
    updateRecentMenu();
    updateState();
    restoreWindowGeometry();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_openAction =
        new QAction(QIcon::fromTheme("document-open", style()->standardIcon(QStyle::SP_DirOpenIcon)),
                    tr("&Open Workspace\u2026"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a workspace folder, or start a new one in an empty folder"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::browseForWorkspace);

    m_demoAction = new QAction(tr("Create &Demo Workspace\u2026"), this);
    m_demoAction->setStatusTip(tr("Make the Spurious Fashion demo in a new folder and open it"));
    connect(m_demoAction, &QAction::triggered, this, &MainWindow::createDemoInteractively);

    m_closeAction = new QAction(tr("&Close Workspace"), this);
    m_closeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeWorkspace);

    m_backUpAction = new QAction(tr("&Back Up Workspace"), this);
    m_backUpAction->setObjectName("backUpAction");
    m_backUpAction->setStatusTip(
        tr("Copy salient.db into the workspace's backups folder, safely while others write"));
    connect(m_backUpAction, &QAction::triggered, this, [this] {
        if (hasWorkspace())
            statusBar()->showMessage(WorkspaceMaintenance::backUp(this, m_session->workspace()));
    });
    m_checkAction = new QAction(tr("Chec&k Workspace Integrity"), this);
    m_checkAction->setObjectName("checkAction");
    m_checkAction->setStatusTip(tr("Run SQLite's full integrity check of salient.db"));
    connect(m_checkAction, &QAction::triggered, this, [this] {
        if (hasWorkspace())
            statusBar()->showMessage(WorkspaceMaintenance::check(this, m_session->workspace()));
    });

    m_quitAction = new QAction(QIcon::fromTheme("application-exit"), tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About Salient Studio"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_clearRecentAction = new QAction(tr("&Clear Recent Workspaces"), this);
    connect(m_clearRecentAction, &QAction::triggered, this, [this] {
        m_recent.clear();
        updateRecentMenu();
    });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addAction(m_demoAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(m_closeAction);
    file->addSeparator();
    file->addAction(m_backUpAction);
    file->addAction(m_checkAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* dark = view->addAction(tr("&Dark Palette"));
    dark->setObjectName("darkPaletteAction");
    dark->setCheckable(true);
    dark->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    dark->setChecked(Appearance::saved() == Appearance::Theme::Dark);
    connect(dark, &QAction::toggled, this,
            [](bool on) { Appearance::apply(on ? Appearance::Theme::Dark : Appearance::Theme::Light); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    auto* shortcuts = help->addAction(tr("&Keyboard Shortcuts"));
    shortcuts->setObjectName("shortcutsAction");
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Question));
    connect(shortcuts, &QAction::triggered, this, [this] {
        auto* sheet = findChild<ShortcutsDialog*>();
        if (sheet == nullptr) {
            sheet = new ShortcutsDialog(this);
            sheet->setAttribute(Qt::WA_DeleteOnClose);
        }
        sheet->show();
        sheet->raise();
    });
    help->addSeparator();
    help->addAction(m_aboutAction);
}

void MainWindow::updateRecentMenu()
{
    const QStringList recent = m_recent.load();
    m_recentMenu->clear();
    int number = 1;
    for (const QString& dir : recent) {
        const QFileInfo info(dir);
        QString name = info.fileName().isEmpty() ? QDir::toNativeSeparators(dir) : info.fileName();
        name.replace('&', "&&");
        QString text =
            number < 10 ? QStringLiteral("&%1 %2").arg(number).arg(name) : QStringLiteral("1&0 %1").arg(name);
        if (!info.isDir())
            text += tr(" (not found)");
        QAction* action = m_recentMenu->addAction(text);
        action->setData(dir);
        action->setToolTip(QDir::toNativeSeparators(dir));
        action->setStatusTip(QDir::toNativeSeparators(dir));
        connect(action, &QAction::triggered, this, [this, dir] { openWorkspaceInteractively(dir); });
        ++number;
    }
    if (recent.isEmpty()) {
        QAction* none = m_recentMenu->addAction(tr("No Recent Workspaces"));
        none->setEnabled(false);
    }
    m_recentMenu->setToolTipsVisible(true);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecentAction);
    m_clearRecentAction->setEnabled(!recent.isEmpty());
    m_startPage->setRecentWorkspaces(recent);
}

void MainWindow::updateState()
{
    const bool open = hasWorkspace();
    m_closeAction->setEnabled(open);
    m_backUpAction->setEnabled(open);
    m_checkAction->setEnabled(open);
    if (open) {
        const QString path = workspacePath();
        const QString name = QFileInfo(path).fileName();
        setWindowTitle(QStringLiteral("%1 \u2014 %2").arg(name.isEmpty() ? path : name, appTitle()));
        setWindowFilePath(path);
        m_statusPath->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(path)));
        m_stack->setCurrentWidget(m_workspacePage);
    } else {
        setWindowTitle(appTitle());
        setWindowFilePath(QString());
        m_statusPath->setText(tr("No workspace open"));
        m_stack->setCurrentWidget(m_startPage);
    }
}

QString MainWindow::workspacePath() const
{
    return m_session->path();
}

bool MainWindow::hasWorkspace() const
{
    return m_session->isOpen();
}

salient::Workspace* MainWindow::workspace() const
{
    return m_session->isOpen() ? &m_session->workspace() : nullptr;
}

QWidget* MainWindow::currentPage() const
{
    return m_stack->currentWidget();
}

bool MainWindow::openWorkspace(const QString& dir, QString* error)
{
    auto fail = [error](const QString& message) {
        if (error != nullptr)
            *error = message;
        return false;
    };

    const QString path = RecentWorkspaces::normalize(dir);
    if (path.isEmpty())
        return fail(tr("No workspace folder was given."));
    const QFileInfo info(path);
    // A vanished folder (an unplugged disk, a renamed project) is reported, never silently re-created.
    if (!info.exists())
        return fail(tr("The folder \u201c%1\u201d does not exist.").arg(QDir::toNativeSeparators(path)));
    if (!info.isDir())
        return fail(tr("\u201c%1\u201d is not a folder.").arg(QDir::toNativeSeparators(path)));

    try {
        // The session keeps the open workspace until this one has opened.
        m_session->open(path, true);
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(e.what()));
    }

    m_recent.add(path);
    updateRecentMenu();
    updateState();
    Q_EMIT workspaceChanged(workspacePath());
    if (error != nullptr)
        error->clear();
    return true;
}

void MainWindow::openWorkspaceInteractively(const QString& dir)
{
    const QString path = RecentWorkspaces::normalize(dir);
    if (!QFileInfo(path).isDir() && m_recent.load().contains(path)) {
        const auto answer = QMessageBox::question(
            this, tr("Workspace Not Found"),
            tr("The folder \u201c%1\u201d no longer exists.\n\nRemove it from the list of recent workspaces?")
                .arg(QDir::toNativeSeparators(path)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes)
            removeRecent(path);
        return;
    }

    // A folder that already holds files but no salient.db is not silently turned into a workspace,
    // whether it came from the file dialog or the command line.
    if (QFileInfo(path).isDir() && !salient::Workspace::looksLikeWorkspace(toFsPath(path)) &&
        !isEmptyFolder(path)) {
        const auto answer = QMessageBox::question(
            this, tr("Create Workspace?"),
            tr("\u201c%1\u201d is not a Salient Studio workspace yet.\n\nCreate a new workspace in this "
               "folder? Salient Studio will add a salient.db file to it; nothing else is changed.")
                .arg(QDir::toNativeSeparators(path)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }

    QString error;
    if (openWorkspace(path, &error))
        return;
    QMessageBox box(QMessageBox::Critical, tr("Cannot Open Workspace"),
                    tr("Salient Studio could not open the workspace in \u201c%1\u201d.")
                        .arg(QDir::toNativeSeparators(path)),
                    QMessageBox::Ok, this);
    box.setInformativeText(error);
    box.exec();
}

void MainWindow::browseForWorkspace()
{
    QSettings settings;
    QString start = settings.value(LastBrowseKey).toString();
    if (start.isEmpty() || !QFileInfo(start).isDir())
        start = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);

    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Workspace"), start);
    if (dir.isEmpty())
        return;
    settings.setValue(LastBrowseKey, QFileInfo(dir).absolutePath());

    openWorkspaceInteractively(dir);
}

void MainWindow::createDemoInteractively()
{
    const QString parent =
        QFileDialog::getExistingDirectory(this, tr("Where should the demo workspace go?"), QDir::homePath());
    if (parent.isEmpty())
        return;
    // A new folder of its own, so that the demo never mixes with other files.
    QString dir = QDir(parent).filePath("spurious-fashion-demo");
    for (int n = 2; QFileInfo::exists(dir); ++n)
        dir = QDir(parent).filePath(QString("spurious-fashion-demo-%1").arg(n));
    createDemo(dir, salient::DemoSetupOptions{});
}

void MainWindow::createDemo(const QString& dir, const salient::DemoSetupOptions& options)
{
    m_demo->start(dir, options);
}

void MainWindow::closeWorkspace()
{
    if (!hasWorkspace())
        return;
    m_session->close();
    updateRecentMenu();
    updateState();
    Q_EMIT workspaceChanged(QString());
}

void MainWindow::removeRecent(const QString& dir)
{
    m_recent.remove(dir);
    updateRecentMenu();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Salient Studio"),
        tr("<h3>Salient Studio %1</h3>"
           "<p>Find the spurious features your image classifier leans on.</p>"
           "<p>A workbench for discovering the core and spurious visual features of image classifiers, "
           "following the Salient ImageNet method (Singla &amp; Feizi, ICLR 2022): annotate neural "
           "features, browse their masks and measure how accuracy changes when they are corrupted.</p>"
           "<p>Built with Qt %2, SQLite and LibTorch.</p>")
            .arg(QStringLiteral(SALIENT_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::restoreWindowGeometry()
{
    const QByteArray geometry = QSettings().value(GeometryKey).toByteArray();
    if (!geometry.isEmpty() && restoreGeometry(geometry))
        return;
    // First start: a comfortable size that still fits a 1366x768 laptop screen.
    QSize size(1200, 780);
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        const QRect available = screen->availableGeometry();
        size = size.boundedTo(available.size() * 0.9);
    }
    resize(size);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!confirmStoppingJobs()) {
        event->ignore();
        return;
    }
    QSettings().setValue(GeometryKey, saveGeometry());
    QMainWindow::closeEvent(event);
}

bool MainWindow::confirmStoppingJobs()
{
    QStringList running;
    for (const JobRunner* runner : findChildren<JobRunner*>())
        if (runner->isRunning() && !runner->description().isEmpty())
            running << runner->description();
    if (running.isEmpty())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Quit Salient Studio?"),
                    tr("%1 is still running.").arg(running.join(tr(" and "))), QMessageBox::NoButton, this);
    box.setObjectName("quitWhileRunningBox");
    box.setInformativeText(tr("Quitting stops it. What it has stored so far is kept, and the index, the "
                              "dataset build and the export continue where they stopped when run again."));
    QPushButton* quit = box.addButton(tr("&Quit"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == quit;
}
