// salient-studio: the desktop workbench. Thin: parse the command line, show the main window.
#include "ui/shell/Appearance.h"
#include "ui/shell/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Salient Studio"));
    QApplication::setApplicationName(QStringLiteral("salient-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Salient Studio"));
    QApplication::setApplicationVersion(QStringLiteral(SALIENT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("salient-studio"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Find the spurious features your image classifier leans on."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"),
                                 QApplication::translate("main", "Workspace folder to open (optional)."),
                                 QStringLiteral("[workspace]"));
    parser.process(app);
    Appearance::apply(Appearance::saved());

    MainWindow window;
    window.show();

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        const QString dir = positional.first();
        // Opened once the event loop runs, so an error box appears over the shown window.
        QTimer::singleShot(0, &window, [&window, dir] { window.openWorkspaceInteractively(dir); });
    }
    return QApplication::exec();
}
