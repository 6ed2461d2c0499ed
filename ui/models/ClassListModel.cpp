#include "ui/models/ClassListModel.h"

#include "ui/widgets/WorkspaceSession.h"

#include <QLocale>

#include <exception>

ClassListModel::ClassListModel(WorkspaceSession* session, QObject* parent)
    : QAbstractListModel(parent), m_session(session)
{}

QString ClassListModel::reload()
{
    std::vector<salient::ClassSummary> classes;
    QString error;
    if (m_session->isOpen()) {
        try {
            classes = salient::listClasses(m_session->workspace());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
    }
    beginResetModel();
    m_classes = std::move(classes);
    endResetModel();
    return error;
}

int ClassListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_classes.size());
}

QVariant ClassListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const salient::ClassSummary& c = m_classes[std::size_t(index.row())];
    const QString name = QString::fromStdString(c.name);
    const QString wnid = QString::fromStdString(c.wnid);
    switch (role) {
    case Qt::DisplayRole:
        return QString("%1  ·  %2").arg(name, wnid);
    case ClassIndexRole:
        return c.classIndex;
    case SearchTextRole:
        return QString("%1 %2 %3").arg(name, wnid).arg(c.classIndex);
    case Qt::ToolTipRole: {
        const double accuracy = c.images > 0 ? double(c.correct) / double(c.images) : 0.0;
        return tr("Class %1 (%2): the robust model is right on %3 of its images; %n ranked features", nullptr,
                  c.features)
            .arg(c.classIndex)
            .arg(wnid)
            .arg(QLocale().toString(100.0 * accuracy, 'f', 1) + " %");
    }
    default:
        return {};
    }
}
