#include "ui/shell/RecentWorkspaces.h"

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

class TestRecentWorkspaces : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void emptyByDefault();
    void addPutsFirstAndDeduplicates();
    void keepsAtMostTen();
    void removeAndClear();
    void pathsAreNormalised();
    void persistsInSettings();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<QSettings> m_settings;
};

void TestRecentWorkspaces::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_settings = std::make_unique<QSettings>(m_tmp->filePath("settings.ini"), QSettings::IniFormat);
}

void TestRecentWorkspaces::cleanup()
{
    m_settings.reset();
    m_tmp.reset();
}

void TestRecentWorkspaces::emptyByDefault()
{
    RecentWorkspaces recent(m_settings.get());
    QVERIFY(recent.load().isEmpty());
}

void TestRecentWorkspaces::addPutsFirstAndDeduplicates()
{
    RecentWorkspaces recent(m_settings.get());
    recent.add("/data/a");
    recent.add("/data/b");
    QCOMPARE(recent.load(), QStringList({"/data/b", "/data/a"}));
    const QStringList list = recent.add("/data/a");
    QCOMPARE(list, QStringList({"/data/a", "/data/b"}));
    QCOMPARE(recent.load(), list);
    recent.add(QString()); // ignored
    QCOMPARE(recent.load().size(), 2);
}

void TestRecentWorkspaces::keepsAtMostTen()
{
    RecentWorkspaces recent(m_settings.get());
    for (int i = 0; i < 15; ++i)
        recent.add(QStringLiteral("/data/ws%1").arg(i));
    const QStringList list = recent.load();
    QCOMPARE(list.size(), RecentWorkspaces::MaxEntries);
    QCOMPARE(list.first(), QStringLiteral("/data/ws14"));
    QCOMPARE(list.last(), QStringLiteral("/data/ws5"));

    // Too long a list written by someone else is cut on load.
    QStringList many;
    for (int i = 0; i < 20; ++i)
        many << QStringLiteral("/x/%1").arg(i);
    m_settings->setValue(RecentWorkspaces::SettingsKey, many);
    QCOMPARE(recent.load().size(), RecentWorkspaces::MaxEntries);
}

void TestRecentWorkspaces::removeAndClear()
{
    RecentWorkspaces recent(m_settings.get());
    recent.add("/data/a");
    recent.add("/data/b");
    QCOMPARE(recent.remove("/data/a"), QStringList({"/data/b"}));
    QCOMPARE(recent.remove("/data/not-there"), QStringList({"/data/b"}));
    recent.clear();
    QVERIFY(recent.load().isEmpty());
}

void TestRecentWorkspaces::pathsAreNormalised()
{
    RecentWorkspaces recent(m_settings.get());
    recent.add("/data/a/");
    recent.add("/data/./a");
    recent.add("/data/b/../a");
    QCOMPARE(recent.load(), QStringList({"/data/a"}));
    QCOMPARE(RecentWorkspaces::normalize("relative"), QDir::current().absoluteFilePath("relative"));
    QCOMPARE(RecentWorkspaces::normalize("  "), QString());
}

void TestRecentWorkspaces::persistsInSettings()
{
    {
        RecentWorkspaces recent(m_settings.get());
        recent.add("/data/a");
        m_settings->sync();
    }
    QSettings reread(m_tmp->filePath("settings.ini"), QSettings::IniFormat);
    QCOMPARE(reread.value(RecentWorkspaces::SettingsKey).toStringList(), QStringList({"/data/a"}));
    RecentWorkspaces recent(&reread);
    QCOMPARE(recent.load(), QStringList({"/data/a"}));
}

QTEST_GUILESS_MAIN(TestRecentWorkspaces)
#include "TestRecentWorkspaces.moc"
