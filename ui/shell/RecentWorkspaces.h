#pragma once

#include <QString>
#include <QStringList>

class QSettings;

/// The list of recently opened workspace folders, most recent first, kept in QSettings under
/// "recentWorkspaces". Paths are stored absolute and clean; duplicates and empty entries are dropped.
class RecentWorkspaces
{
public:
    static constexpr int MaxEntries = 10;
    static constexpr const char* SettingsKey = "recentWorkspaces";

    /// Uses the application's default QSettings.
    RecentWorkspaces() = default;
    /// Uses `settings`, which must outlive this object (tests pass a QSettings on a temporary file).
    explicit RecentWorkspaces(QSettings* settings);

    QStringList load() const;
    void save(const QStringList& dirs);
    /// Puts `dir` first (moving it when already listed) and returns the new list.
    QStringList add(const QString& dir);
    /// Removes `dir` and returns the new list.
    QStringList remove(const QString& dir);
    void clear();

    /// Absolute, clean form of `dir` without a trailing separator; empty for an empty input.
    static QString normalize(const QString& dir);

private:
    static QStringList cleaned(const QStringList& dirs);

    QSettings* m_settings = nullptr;
};
