#include "ui/shell/WorkspaceMaintenance.h"

#include "database/Workspace.h"
#include "database/WorkspaceIntegrity.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMessageBox>

#include <exception>
#include <string>
#include <vector>

namespace WorkspaceMaintenance {
namespace {

/// A wait cursor while a check or copy runs on the GUI thread (seconds on a large workspace).
class BusyCursor
{
public:
    BusyCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QApplication::restoreOverrideCursor(); }
    BusyCursor(const BusyCursor&) = delete;
    BusyCursor& operator=(const BusyCursor&) = delete;
};

QString nativePath(const std::string& path)
{
    return QDir::toNativeSeparators(QString::fromStdString(path));
}

} // namespace

QString backUp(QWidget* parent, salient::Workspace& workspace)
{
    const std::string target = salient::defaultBackupPath(workspace.path(), "manual");
    try {
        const BusyCursor busy;
        salient::backupDatabase(workspace.database(), target);
    } catch (const std::exception& e) {
        QMessageBox::critical(parent, QObject::tr("Back Up Workspace"),
                              QObject::tr("The workspace could not be backed up.\n\n%1").arg(e.what()));
        return QObject::tr("Backup failed");
    }
    return QObject::tr("Backed up to %1").arg(nativePath(target));
}

QString check(QWidget* parent, salient::Workspace& workspace)
{
    std::vector<std::string> problems;
    QElapsedTimer timer;
    timer.start();
    try {
        const BusyCursor busy;
        problems = salient::databaseProblems(workspace.database(), true);
    } catch (const std::exception& e) {
        problems.push_back(e.what());
    }
    if (problems.empty())
        return QObject::tr("%1: integrity check passed (%2 s)")
            .arg(nativePath(workspace.databasePath()))
            .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 2);
    QStringList lines;
    for (const auto& problem : problems)
        lines << QString::fromStdString(problem);
    QMessageBox box(QMessageBox::Critical, QObject::tr("Check Workspace Integrity"),
                    QObject::tr("%1 is damaged.").arg(nativePath(workspace.databasePath())), QMessageBox::Ok,
                    parent);
    box.setInformativeText(QString::fromStdString(salient::recoveryAdvice(workspace.databasePath())));
    box.setDetailedText(lines.join('\n'));
    box.exec();
    return QObject::tr("%1 is damaged").arg(nativePath(workspace.databasePath()));
}

} // namespace WorkspaceMaintenance
