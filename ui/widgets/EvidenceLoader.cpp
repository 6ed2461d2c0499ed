#include "ui/widgets/EvidenceLoader.h"

#include "ui/widgets/LatestJobRunner.h"
#include "ui/widgets/WorkspaceSession.h"

#include "pipeline/PairEvidence.h"

#include <QLocale>
#include <QMetaObject>

namespace {

FeaturePanel::Section sectionOf(salient::EvidenceKind kind)
{
    switch (kind) {
    case salient::EvidenceKind::Image:
        return FeaturePanel::TopImages;
    case salient::EvidenceKind::Heatmap:
        return FeaturePanel::Heatmaps;
    case salient::EvidenceKind::Attack:
        break;
    }
    return FeaturePanel::Attacks;
}

} // namespace

EvidenceLoader::EvidenceLoader(WorkspaceSession* session, QObject* parent)
    : QObject(parent), m_session(session), m_runner(new LatestJobRunner(this))
{
    connect(session, &WorkspaceSession::opened, m_runner, &LatestJobRunner::reset);
    connect(session, &WorkspaceSession::closed, m_runner, &LatestJobRunner::reset);
}

bool EvidenceLoader::isBusy() const
{
    return m_runner->isBusy();
}

void EvidenceLoader::request(int classIndex, int feature)
{
    const std::shared_ptr<salient::EvidenceSession> session = m_session->evidence();
    if (!session)
        return;
    m_runner->request([this, session, classIndex, feature](const salient::Job& job) {
        auto show = [&](const salient::EvidencePicture& picture) {
            // Decoded here, off the GUI thread; QImage is safe to hand across threads.
            const QImage image(QString::fromStdString(picture.path));
            const QString caption = QString("%1 · %2")
                                        .arg(QString::fromStdString(picture.sourceImage).section('/', -1))
                                        .arg(QLocale().toString(picture.activation, 'f', 2));
            QMetaObject::invokeMethod(
                this,
                [=] {
                    Q_EMIT pictureReady(classIndex, feature, sectionOf(picture.kind), picture.position, image,
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
