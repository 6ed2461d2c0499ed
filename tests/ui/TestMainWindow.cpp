#include "database/Workspace.h"
#include "ui/overview/DemoSummary.h"
#include "ui/shell/Appearance.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/RecentWorkspaceDelegate.h"
#include "ui/shell/RecentWorkspaces.h"
#include "ui/shell/ShortcutsDialog.h"
#include "ui/shell/StartPage.h"
#include "ui/shell/WorkspacePage.h"
#include "ui/widgets/JobRunner.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QShortcut>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

namespace {

QtMessageHandler g_previousHandler = nullptr;
QStringList g_warnings;

/// The offscreen platform plugin (QT_QPA_PLATFORM=offscreen, as the tests run) warns whenever a shown
/// window's minimum size changes or a window is raised, because it has no window manager to tell; real
/// platforms do not.
bool isOffscreenPluginNoise(const QString& message)
{
    return QGuiApplication::platformName() == QLatin1String("offscreen") &&
           (message == QLatin1String("This plugin does not support propagateSizeHints()") ||
            message == QLatin1String("This plugin does not support raise()"));
}

/// Records every warning (and worse) so that cleanup() can fail the test that caused it.
void recordWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (isOffscreenPluginNoise(message))
        return;
    if (type != QtDebugMsg && type != QtInfoMsg)
        g_warnings.append(message);
    if (g_previousHandler != nullptr)
        g_previousHandler(type, context, message);
}

void writeRandomBytes(const QString& file, int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (auto& b : bytes)
        b = static_cast<char>(QRandomGenerator::global()->bounded(256));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), qint64(size));
}

QString statusText(const MainWindow& window)
{
    QStringList texts;
    for (const QLabel* label : window.statusBar()->findChildren<QLabel*>())
        texts << label->text();
    return texts.join('\n');
}

QStringList listedNames(const QTreeWidget* tree)
{
    QStringList names;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        names << tree->topLevelItem(i)->text(0);
    return names;
}

/// Who answers each key a user can press in `window` now: Alt+letter mnemonics of the menu bar, of
/// visible tabs, buttons and buddied labels, and the shortcuts of visible widgets and of menu actions.
QMultiMap<QString, QString> visibleKeys(QMainWindow& window)
{
    QMultiMap<QString, QString> keys;
    const auto addMnemonic = [&keys](const QString& text) {
        const QKeySequence mnemonic = QKeySequence::mnemonic(text);
        if (!mnemonic.isEmpty())
            keys.insert(mnemonic.toString(), text);
    };
    for (QAction* menu : window.menuBar()->actions())
        addMnemonic(menu->text());
    for (QTabBar* bar : window.findChildren<QTabBar*>())
        if (bar->isVisible())
            for (int i = 0; i < bar->count(); ++i)
                addMnemonic(bar->tabText(i));
    for (QAbstractButton* button : window.findChildren<QAbstractButton*>()) {
        if (!button->isVisible())
            continue;
        addMnemonic(button->text());
        // A button's text mnemonic is also its shortcut(); count only a shortcut set besides it.
        if (!button->shortcut().isEmpty() && button->shortcut() != QKeySequence::mnemonic(button->text()))
            keys.insert(button->shortcut().toString(), button->text());
    }
    for (QLabel* label : window.findChildren<QLabel*>())
        if (label->isVisible() && label->buddy() != nullptr)
            addMnemonic(label->text());
    for (QShortcut* shortcut : window.findChildren<QShortcut*>()) {
        const auto* owner = qobject_cast<QWidget*>(shortcut->parent());
        if (shortcut->isEnabled() && shortcut->context() == Qt::WindowShortcut && owner != nullptr &&
            owner->isVisible())
            keys.insert(shortcut->key().toString(), owner->objectName() + " shortcut");
    }
    for (QAction* menu : window.menuBar()->actions())
        for (QAction* action : menu->menu() != nullptr ? menu->menu()->actions() : QList<QAction*>())
            if (!action->shortcut().isEmpty())
                keys.insert(action->shortcut().toString(), action->text());
    return keys;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensAndCloses();
    void openWorkspaceShowsWorkspacePage();
    void reopeningExistingWorkspaceKeepsData();
    void fileMenuBacksUpAndChecksTheWorkspace();
    void corruptDatabaseIsReported();
    void failedOpenKeepsCurrentWorkspace();
    void interactiveErrorShowsMessageBox();
    void aFolderWithFilesBecomesAWorkspaceOnlyWhenAsked();
    void quittingWithARunningJobAsksFirst();
    void missingFolderIsNotCreated();
    void missingRecentFoldersAreMarked();
    void enterOnRecentEntryOpensIt();
    void deleteRemovesRecentEntry();
    void recentMenuListsWorkspaces();
    void screenshots();
    void demoWorkspaceShowsItsAccuracies();
    void noTwoVisibleControlsShareAKey();
    void shortcutsSheetOpensWithCtrlQuestionMark();

private:
    QString makeFolder(const QString& name) const;

    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestMainWindow::initTestCase()
{
    // Keep the user's real settings (recent workspaces, window geometry) out of the tests.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("Salient Studio");
    QCoreApplication::setApplicationName("salient-studio-tests");
    QCoreApplication::setApplicationVersion("0.1.0");
    g_previousHandler = qInstallMessageHandler(recordWarnings);
    QVERIFY2(QSettings().fileName().contains(".qttest"), qPrintable(QSettings().fileName()));
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    g_warnings.clear();
}

void TestMainWindow::cleanup()
{
    m_tmp.reset();
    const QStringList warnings = g_warnings;
    g_warnings.clear();
    QVERIFY2(warnings.isEmpty(), qPrintable("Qt warnings: " + warnings.join("\n")));
}

QString TestMainWindow::makeFolder(const QString& name) const
{
    const QString path = m_tmp->filePath(name);
    QDir().mkpath(path);
    return QDir(path).absolutePath();
}

void TestMainWindow::opensAndCloses()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Salient Studio"));
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.startPage()));
    QVERIFY(!window.hasWorkspace());
    QVERIFY(statusText(window).contains("No workspace open"));

    QStringList menus;
    for (QAction* action : window.menuBar()->actions())
        menus << action->text();
    QCOMPARE(menus, QStringList({"&File", "&View", "&Help"}));
    // First start: no recent workspaces, an empty-state message instead of the list.
    QVERIFY(!window.startPage()->recentList()->isVisible());
    QVERIFY(window.grab().save(QStringLiteral(SALIENT_TEST_OUTPUT) + "/start-page-empty.png"));

    QVERIFY(window.close());
    QVERIFY(!window.isVisible());
}

void TestMainWindow::openWorkspaceShowsWorkspacePage()
{
    const QString dir = makeFolder("fashion-demo");
    QDir(dir).mkdir("index");

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QString error = "stale";
    QVERIFY(window.openWorkspace(dir, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(window.hasWorkspace());
    QCOMPARE(window.workspacePath(), dir);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.workspacePage()));
    QVERIFY(QFileInfo::exists(dir + "/salient.db"));
    QCOMPARE(window.workspace()->schemaVersion(), salient::Workspace::latestSchemaVersion());
    QVERIFY(window.windowTitle().startsWith("fashion-demo"));
    QVERIFY2(statusText(window).contains(QDir::toNativeSeparators(dir)), qPrintable(statusText(window)));

    const QStringList names = listedNames(window.workspacePage()->contentsView());
    QCOMPARE(names, QStringList({"index", "salient.db"}));

    // The folder is now the most recent workspace, in the settings and on the start page.
    QCOMPARE(RecentWorkspaces().load().value(0), dir);
    QCOMPARE(window.startPage()->recentWorkspaces().value(0), dir);

    window.closeWorkspace();
    QVERIFY(!window.hasWorkspace());
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.startPage()));
    QCOMPARE(window.windowTitle(), QStringLiteral("Salient Studio"));
    QCOMPARE(window.startPage()->recentList()->count(), 1);
    QVERIFY(window.close());
}

void TestMainWindow::reopeningExistingWorkspaceKeepsData()
{
    const QString dir = makeFolder("ws");
    {
        salient::Workspace ws = salient::Workspace::open(dir.toStdString(), true);
        ws.setConfigValue("model", "resnet50");
    }
    MainWindow window;
    QVERIFY(window.openWorkspace(dir));
    QCOMPARE(window.workspace()->configValue("model").value_or(""), std::string("resnet50"));
}

void TestMainWindow::fileMenuBacksUpAndChecksTheWorkspace()
{
    const QString dir = makeFolder("kept");
    MainWindow window;
    auto* backUp = window.findChild<QAction*>("backUpAction");
    auto* check = window.findChild<QAction*>("checkAction");
    QVERIFY(backUp && check);
    QVERIFY(!backUp->isEnabled() && !check->isEnabled()); // nothing to back up yet
    QVERIFY(window.openWorkspace(dir));
    window.workspace()->setConfigValue("model", "resnet50");

    backUp->trigger();
    const QString said = window.statusBar()->currentMessage();
    QVERIFY2(said.startsWith("Backed up to "), qPrintable(said));
    const QString copy = QDir::fromNativeSeparators(said.mid(QString("Backed up to ").size()));
    QVERIFY2(copy.startsWith(dir + "/backups/") && QFileInfo::exists(copy), qPrintable(copy));
    salient::Database restored(copy.toStdString(), salient::Database::OpenMode::ReadWrite);
    QCOMPARE(restored.queryText("SELECT value FROM config WHERE key = 'model'"), std::string("resnet50"));

    check->trigger();
    QVERIFY2(window.statusBar()->currentMessage().contains("integrity check passed"),
             qPrintable(window.statusBar()->currentMessage()));
}

void TestMainWindow::corruptDatabaseIsReported()
{
    const QString dir = makeFolder("corrupt");
    writeRandomBytes(dir + "/salient.db", 4096);
    QFile before(dir + "/salient.db");
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray bytes = before.readAll();

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY(!window.openWorkspace(dir, &error));
    QVERIFY2(error.contains(dir + "/salient.db"), qPrintable(error));
    QVERIFY2(error.contains("not a SQLite database"), qPrintable(error));
    QVERIFY(!window.hasWorkspace());
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.startPage()));
    QVERIFY(RecentWorkspaces().load().isEmpty());

    QFile after(dir + "/salient.db");
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), bytes);
}

void TestMainWindow::failedOpenKeepsCurrentWorkspace()
{
    const QString good = makeFolder("good");
    const QString bad = makeFolder("bad");
    writeRandomBytes(bad + "/salient.db", 2048);

    MainWindow window;
    QVERIFY(window.openWorkspace(good));
    QString error;
    QVERIFY(!window.openWorkspace(bad, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(window.hasWorkspace());
    QCOMPARE(window.workspacePath(), good);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.workspacePage()));
    QCOMPARE(RecentWorkspaces().load(), QStringList({good}));
}

/// `salient-studio DIR` on a folder of the user's files asks before adding salient.db to it.
void TestMainWindow::aFolderWithFilesBecomesAWorkspaceOnlyWhenAsked()
{
    const QString photos = makeFolder("photos");
    QFile note(photos + "/note.txt");
    QVERIFY(note.open(QIODevice::WriteOnly));
    note.close();

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const auto button : {QMessageBox::Cancel, QMessageBox::Yes}) {
        QString asked;
        QTimer::singleShot(0, &window, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (box == nullptr)
                return;
            asked = box->windowTitle();
            box->button(button)->click();
        });
        window.openWorkspaceInteractively(photos);
        QCOMPARE(asked, QString("Create Workspace?"));
        QCOMPARE(QFile::exists(photos + "/salient.db"), button == QMessageBox::Yes);
        QCOMPARE(window.hasWorkspace(), button == QMessageBox::Yes);
    }
}

void TestMainWindow::interactiveErrorShowsMessageBox()
{
    const QString bad = makeFolder("bad");
    writeRandomBytes(bad + "/salient.db", 2048);

    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    bool seen = false;
    QString informative;
    // The message box runs its own event loop; inspect and dismiss it from there.
    QTimer::singleShot(0, &window, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box == nullptr)
            return;
        seen = box->icon() == QMessageBox::Critical;
        informative = box->informativeText();
        box->grab().save(QStringLiteral(SALIENT_TEST_OUTPUT) + "/open-error.png");
        box->accept();
    });
    window.openWorkspaceInteractively(bad);
    QVERIFY(seen);
    QVERIFY2(informative.contains(bad + "/salient.db"), qPrintable(informative));
    QVERIFY(!window.hasWorkspace());
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.startPage()));
}

void TestMainWindow::quittingWithARunningJobAsksFirst()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* runner = new JobRunner(&window);
    runner->setDescription("Building the feature index");
    QVERIFY(runner->start([](const salient::Job& job) {
        while (!job.cancelled())
            QThread::msleep(5);
        job.throwIfCancelled();
    }));
    QSignalSpy cancelled(runner, &JobRunner::cancelled);

    // Answers the question with the button whose text is `answer`, from inside the box's event loop.
    const auto answerWith = [&window](const QString& answer, QString* asked) {
        QTimer::singleShot(0, &window, [answer, asked] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (box == nullptr)
                return;
            *asked = box->text();
            QVERIFY(box->defaultButton() == box->button(QMessageBox::Cancel));
            for (QAbstractButton* button : box->buttons())
                if (button->text().remove('&') == answer)
                    button->click();
        });
    };

    QString asked;
    answerWith("Cancel", &asked);
    QVERIFY(!window.close());
    QVERIFY2(asked.contains("Building the feature index"), qPrintable(asked));
    QVERIFY(window.isVisible());
    QVERIFY(runner->isRunning());

    asked.clear();
    answerWith("Quit", &asked);
    QVERIFY(window.close());
    QVERIFY(!asked.isEmpty());
    QVERIFY(!window.isVisible());
    runner->cancel();
    QVERIFY(cancelled.count() == 1 || cancelled.wait(5000));

    // With nothing running, closing asks nothing.
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.close());
}

void TestMainWindow::missingFolderIsNotCreated()
{
    const QString missing = m_tmp->filePath("gone");
    MainWindow window;
    QString error;
    QVERIFY(!window.openWorkspace(missing, &error));
    QVERIFY2(error.contains("does not exist"), qPrintable(error));
    QVERIFY(!QFileInfo::exists(missing));
    QVERIFY(!window.openWorkspace(QString(), &error));
    QVERIFY(!error.isEmpty());
}

void TestMainWindow::missingRecentFoldersAreMarked()
{
    const QString existing = makeFolder("here");
    const QString missing = m_tmp->filePath("gone");
    RecentWorkspaces().save({missing, existing});

    MainWindow window;
    QListWidget* list = window.startPage()->recentList();
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->data(RecentWorkspaceDelegate::PathRole).toString(), missing);
    QVERIFY(!list->item(0)->data(RecentWorkspaceDelegate::ExistsRole).toBool());
    QVERIFY(list->item(1)->data(RecentWorkspaceDelegate::ExistsRole).toBool());
    QVERIFY(list->item(0)->toolTip().contains("no longer exists"));
}

void TestMainWindow::enterOnRecentEntryOpensIt()
{
    const QString first = makeFolder("first");
    const QString second = makeFolder("second");
    RecentWorkspaces().save({first, second});

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QListWidget* list = window.startPage()->recentList();
    list->setFocus();
    list->setCurrentRow(1);
    QTest::keyClick(list, Qt::Key_Return);
    QVERIFY(window.hasWorkspace());
    QCOMPARE(window.workspacePath(), second);
    // Opening moved it to the top.
    QCOMPARE(RecentWorkspaces().load(), QStringList({second, first}));
}

void TestMainWindow::deleteRemovesRecentEntry()
{
    const QString first = makeFolder("first");
    const QString second = makeFolder("second");
    RecentWorkspaces().save({first, second});

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QListWidget* list = window.startPage()->recentList();
    list->setFocus();
    list->setCurrentRow(0);
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(RecentWorkspaces().load(), QStringList({second}));
    QCOMPARE(list->count(), 1);
    QVERIFY(QFileInfo(first).isDir()); // only the list entry goes, never the folder
    QVERIFY(!window.hasWorkspace());
}

void TestMainWindow::recentMenuListsWorkspaces()
{
    const QString a = makeFolder("alpha");
    const QString b = makeFolder("beta");
    MainWindow window;
    QVERIFY(window.openWorkspace(a));
    QVERIFY(window.openWorkspace(b));

    QMenu* fileMenu = window.menuBar()->actions().value(0)->menu();
    QVERIFY(fileMenu != nullptr);
    QMenu* recentMenu = nullptr;
    QStringList fileTexts;
    for (QAction* action : fileMenu->actions()) {
        fileTexts << action->text();
        if (action->menu() != nullptr)
            recentMenu = action->menu();
        if (action->text() == "&Open Workspace\u2026")
            QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Open));
        if (action->text() == "&Close Workspace")
            QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_W));
        if (action->text() == "&Quit")
            QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    }
    QVERIFY2(fileTexts.contains("&Quit") && fileTexts.contains("&Close Workspace"),
             qPrintable(fileTexts.join(",")));
    QVERIFY(recentMenu != nullptr);
    QStringList recentData;
    for (QAction* action : recentMenu->actions())
        if (action->data().isValid())
            recentData << action->data().toString();
    QCOMPARE(recentData, QStringList({b, a}));

    // Triggering a recent entry opens it.
    recentMenu->actions().value(1)->trigger();
    QCOMPARE(window.workspacePath(), a);
}

void TestMainWindow::screenshots()
{
    const QString output = QStringLiteral(SALIENT_TEST_OUTPUT);
    QVERIFY(QDir().mkpath(output));

    const QString demo = makeFolder("fashion-demo");
    QDir(demo).mkdir("index");
    QDir(demo).mkdir("masks");
    QDir(demo).mkdir("render-cache");
    {
        QFile f(demo + "/features.f32");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(3 * 1024 * 1024, '\0'));
    }
    const QString resnet = makeFolder("imagenet-resnet50");
    const QString birds = makeFolder("waterbirds study (2024)");
    RecentWorkspaces().save({resnet, m_tmp->filePath("unplugged-disk/old-study"), birds});

    const QPalette originalPalette = QApplication::palette();
    for (const bool dark : {false, true}) {
        if (dark)
            QApplication::setPalette(Appearance::palette(Appearance::Theme::Dark));
        const QString suffix = dark ? "-dark" : "";

        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.startPage()->recentList()->setCurrentRow(0);
        QVERIFY(window.grab().save(output + "/start-page" + suffix + ".png"));

        QVERIFY(window.openWorkspace(demo));
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.workspacePage()));
        QVERIFY(window.grab().save(output + "/workspace-page" + suffix + ".png"));
        // Rendered without popping it up: the offscreen platform cannot grab the keyboard for a popup.
        QMenu* file = window.menuBar()->actions().front()->menu();
        file->adjustSize();
        QVERIFY(file->grab().save(output + "/file-menu" + suffix + ".png"));

        // The smallest sensible window still lays out without overlap.
        window.resize(window.minimumSizeHint());
        QVERIFY(window.grab().save(output + "/workspace-page-small" + suffix + ".png"));
        window.close();
    }
    QApplication::setPalette(originalPalette);
    QVERIFY(QFileInfo(output + "/start-page.png").size() > 0);
    QVERIFY(QFileInfo(output + "/workspace-page.png").size() > 0);
}

void TestMainWindow::demoWorkspaceShowsItsAccuracies()
{
    const QString dir = makeFolder("spurious-fashion-demo");
    QFile demo(dir + "/demo.json");
    QVERIFY(demo.open(QIODevice::WriteOnly));
    demo.write(R"({"robust.correlated": 0.806, "robust.balanced": 0.2955, "robust.pgd": 0.69,
        "standard.correlated": 0.887, "standard.balanced": 0.5455, "standard.pgd": 0.0,
        "pgd": {"eps": 0.5, "steps": 10, "images": 300}})");
    demo.close();

    MainWindow window;
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openWorkspace(dir));
    QVERIFY(window.workspacePage()->demoSummary()->isVisible());
    window.grab().save(QString(SALIENT_TEST_OUTPUT) + "/workspace-demo.png");

    window.closeWorkspace();
    QVERIFY(window.openWorkspace(makeFolder("plain")));
    QVERIFY(!window.workspacePage()->demoSummary()->isVisible());
}

void TestMainWindow::noTwoVisibleControlsShareAKey()
{
    MainWindow window;
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openWorkspace(makeFolder("keys")));
    QTabWidget* tabs = window.workspacePage()->tabs();
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QCoreApplication::processEvents();
        const QMultiMap<QString, QString> keys = visibleKeys(window);
        for (const QString& key : keys.uniqueKeys()) {
            const QStringList owners = keys.values(key);
            QVERIFY2(owners.size() == 1, qPrintable(QString("On the %1 tab %2 is shared by: %3")
                                                        .arg(tabs->tabText(tab), key, owners.join(", "))));
        }
    }
}

void TestMainWindow::shortcutsSheetOpensWithCtrlQuestionMark()
{
    MainWindow window;
    window.resize(1366, 768);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_Question, Qt::ControlModifier);
    auto* sheet = window.findChild<ShortcutsDialog*>();
    QVERIFY(sheet != nullptr);
    QTRY_VERIFY(sheet->isVisible());
    QAbstractItemModelTester tester(sheet->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList keys;
    for (int row = 0; row < sheet->model()->rowCount(); ++row)
        keys << sheet->model()->index(row, 1).data().toString();
    QVERIFY2(keys.contains("Ctrl+I") && keys.contains("Ctrl+Z") && keys.contains("Alt+T"),
             qPrintable(keys.join(", ")));
    QVERIFY(sheet->grab().save(QStringLiteral(SALIENT_TEST_OUTPUT) + "/shortcuts-sheet.png"));
    sheet->close();
    QTRY_VERIFY(window.findChild<ShortcutsDialog*>() == nullptr); // closed sheets are deleted
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
