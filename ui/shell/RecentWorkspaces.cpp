#include "ui/shell/RecentWorkspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

RecentWorkspaces::RecentWorkspaces(QSettings* settings) : m_settings(settings) {}

QString RecentWorkspaces::normalize(const QString& dir)
{
    if (dir.trimmed().isEmpty())
        return {};
    return QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
}

QStringList RecentWorkspaces::cleaned(const QStringList& dirs)
{
    QStringList result;
    for (const QString& dir : dirs) {
        const QString clean = normalize(dir);
        if (clean.isEmpty() || result.contains(clean))
            continue;
        result.append(clean);
        if (result.size() == MaxEntries)
            break;
    }
    return result;
}

QStringList RecentWorkspaces::load() const
{
    if (m_settings != nullptr)
        return cleaned(m_settings->value(SettingsKey).toStringList());
    return cleaned(QSettings().value(SettingsKey).toStringList());
}

void RecentWorkspaces::save(const QStringList& dirs)
{
    const QStringList list = cleaned(dirs);
    if (m_settings != nullptr) {
        m_settings->setValue(SettingsKey, list);
    } else {
        QSettings settings;
        settings.setValue(SettingsKey, list);
    }
}

QStringList RecentWorkspaces::add(const QString& dir)
{
    QStringList list = load();
    const QString clean = normalize(dir);
    if (clean.isEmpty())
        return list;
    list.removeAll(clean);
    list.prepend(clean);
    save(list);
    return load();
}

QStringList RecentWorkspaces::remove(const QString& dir)
{
    QStringList list = load();
    list.removeAll(normalize(dir));
    save(list);
    return list;
}

void RecentWorkspaces::clear()
{
    save({});
}
