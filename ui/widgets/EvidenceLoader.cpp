#include "ui/widgets/EvidenceLoader.h"

#include "ui/widgets/JobRunner.h"

#include "pipeline/PairEvidence.h"

#include <QLocale>
#include <QMetaObject>

EvidenceLoader::EvidenceLoader(QObject* parent) : QObject(parent), m_runner(new JobRunner(this))
{
    connect(m_runner, &JobRunner::ended, this, &EvidenceLoader::startNext);
}

EvidenceLoader::~EvidenceLoader() = default;

void EvidenceLoader::setWorkspace(const QString& workspacePath)
{
    m_path = workspacePath;
    m_session =
        workspacePath.isEmpty() ? nullptr : salient::sharedEvidenceSession(workspacePath.toStdString());
    m_pending.reset();
    m_runner->cancel();
}

bool EvidenceLoader::isBusy() const
{
    return m_runner->isRunning() || m_pending.has_value();
}

void EvidenceLoader::request(int classIndex, int feature)
{
    m_pending = std::make_pair(classIndex, feature);
    if (m_runner->isRunning())
        m_runner->cancel();
    else
        startNext();
}

void EvidenceLoader::startNext()
{
    if (!m_pending || m_path.isEmpty())
        return;
    const auto [classIndex, feature] = *m_pending;
    m_pending.reset();
    m_runner->start(
        [this, session = m_session, classIndex = classIndex, feature = feature](const salient::Job& job) {
            auto show = [&](const salient::EvidencePicture& picture) {
                // Decoded here, off the GUI thread; QImage is safe to hand across threads.
                const QImage image(QString::fromStdString(picture.path));
                const QString caption = QString("%1 · %2")
                                            .arg(QString::fromStdString(picture.sourceImage).section('/', -1))
                                            .arg(QLocale().toString(picture.activation, 'f', 2));
                QMetaObject::invokeMethod(
                    this,
                    [=] {
                        Q_EMIT pictureReady(classIndex, feature, int(picture.kind), picture.position, image,
                                            caption);
                    },
                    Qt::QueuedConnection);
            };
            forwardErrors(
                this, [&] { session->render(classIndex, feature, show, job); },
                [this, classIndex, feature](const QString& message) {
                    Q_EMIT failed(classIndex, feature, message);
                });
        });
}
