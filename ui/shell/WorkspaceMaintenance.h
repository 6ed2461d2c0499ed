#pragma once

#include <QString>

class QWidget;

namespace salient {
class Workspace;
}

/// The File menu's care of the workspace database, the GUI face of `salient workspace backup|check`.
/// Each returns the one line the status bar shows; a failure or damage is also shown in a message box.
namespace WorkspaceMaintenance {

/// A consistent copy of salient.db in the workspace's backups/ folder (SQLite's online backup).
QString backUp(QWidget* parent, salient::Workspace& workspace);

/// SQLite's full integrity check, with the way to recover when the file is damaged.
QString check(QWidget* parent, salient::Workspace& workspace);

} // namespace WorkspaceMaintenance
