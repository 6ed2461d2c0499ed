#include "ui/dataset/DatasetBrowser.h"

#include "database/DatasetTables.h"
#include "database/Workspace.h"
#include "pipeline/DatasetBuild.h"
#include "pipeline/DatasetStore.h"
#include "ui/dataset/DatasetExportDialog.h"
#include "ui/models/DatasetPairModel.h"
#include "ui/widgets/JobProgress.h"
#include "ui/widgets/JobRunner.h"
#include "ui/widgets/PictureTile.h"
#include "ui/widgets/PictureViewer.h"
#include "ui/widgets/WorkspaceSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

#include <filesystem>
#include <set>

namespace {

constexpr int Columns = 6;

} // namespace

DatasetBrowser::DatasetBrowser(WorkspaceSession* session, QWidget* parent)
    : QWidget(parent), m_session(session)
{
    setObjectName("datasetBrowser");
    m_pairs = new DatasetPairModel(this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName("datasetPairs");
    m_tree->setModel(m_pairs);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setAccessibleName(tr("Classes and their labelled features"));

    m_style = new QComboBox(this);
    m_style->addItems({tr("Heatmap"), tr("Contour"), tr("Cut-out")});
    m_spuriousOnly = new QCheckBox(tr("&Spurious only"), this);
    m_subLabel = new QComboBox(this);
    m_subLabel->addItem(tr("Any"), QString());
    m_subLabel->addItem(tr("Background"), QStringLiteral("background"));
    m_subLabel->addItem(tr("Separate object"), QStringLiteral("separate_object"));
    m_minAgreement = new QDoubleSpinBox(this);
    m_minAgreement->setRange(0.0, 1.0);
    m_minAgreement->setSingleStep(0.1);
    m_minConfidence = new QDoubleSpinBox(this);
    m_minConfidence->setRange(0.0, 5.0);
    m_minConfidence->setSingleStep(0.5);
    m_exportButton = new QPushButton(tr("E&xport…"), this);
    m_builder = new JobRunner(this);
    m_builder->setDescription(tr("Building the Salient dataset"));
    m_buildButton = new QPushButton(tr("Build Dataset"), this);
    m_buildButton->setObjectName("buildDataset");
    m_buildButton->setToolTip(tr("Compute the soft masks of every pair the latest discovery study labelled; "
                                 "pairs already stored are kept"));
    m_buildProgress = new JobProgress(m_builder, this);

    auto* filters = new QFormLayout;
    filters->addRow(tr("Show &masks as:"), m_style);
    filters->addRow(QString(), m_spuriousOnly);
    filters->addRow(tr("Spurious &kind:"), m_subLabel);
    filters->addRow(tr("Minimum a&greement:"), m_minAgreement);
    filters->addRow(tr("Minimum &confidence:"), m_minConfidence);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(filters);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addWidget(m_buildButton);
    leftLayout->addWidget(m_buildProgress);
    leftLayout->addWidget(m_exportButton);

    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    auto* gridHolder = new QWidget(this);
    m_grid = new QGridLayout(gridHolder);
    m_grid->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(gridHolder);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_title);
    rightLayout->addWidget(m_hint);
    rightLayout->addWidget(scroll, 1);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid())
                    return;
                const int classIndex = current.data(DatasetPairModel::ClassRole).toInt();
                const int feature = current.data(DatasetPairModel::FeatureRole).toInt();
                if (feature < 0)
                    showUnions(classIndex);
                else
                    showPair(classIndex, feature);
            });
    connect(m_style, &QComboBox::currentIndexChanged, this, &DatasetBrowser::redraw);
    connect(m_spuriousOnly, &QCheckBox::toggled, this, &DatasetBrowser::applyFilters);
    connect(m_subLabel, &QComboBox::currentIndexChanged, this, &DatasetBrowser::applyFilters);
    connect(m_minAgreement, &QDoubleSpinBox::valueChanged, this, &DatasetBrowser::applyFilters);
    connect(m_minConfidence, &QDoubleSpinBox::valueChanged, this, &DatasetBrowser::applyFilters);
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        DatasetExportDialog dialog(m_session->path(), this);
        dialog.exec();
    });
    connect(m_buildButton, &QPushButton::clicked, this, &DatasetBrowser::buildDataset);
    connect(m_builder, &JobRunner::started, this, [this] { m_buildButton->setEnabled(false); });
    connect(m_builder, &JobRunner::ended, this, [this] { m_buildButton->setEnabled(m_session->isOpen()); });
    connect(m_builder, &JobRunner::succeeded, this,
            [this] { m_session->announce(WorkspaceSession::Area::Dataset); });
    connect(m_builder, &JobRunner::cancelled, this, [this] {
        reload();
        m_hint->setText(m_hint->text() + ' ' +
                        tr("The build was cancelled; building again resumes with the "
                           "pairs it had not stored."));
    });
    connect(m_builder, &JobRunner::failed, this, [this](const QString& message) {
        reload();
        m_hint->setText(tr("The dataset could not be built: %1").arg(message.toHtmlEscaped()));
    });
    // A build belongs to the workspace it started in.
    for (auto signal : {&WorkspaceSession::opened, &WorkspaceSession::closed})
        connect(session, signal, this, [this] {
            m_builder->cancel();
            reload();
        });
    connect(session, &WorkspaceSession::changed, this, [this](WorkspaceSession::Area area) {
        if (area == WorkspaceSession::Area::Dataset)
            reload();
    });
    reload();
}

DatasetBrowser::~DatasetBrowser() = default;

void DatasetBrowser::reload()
{
    m_reader.reset();
    clearGrid();
    m_pairs->setPairs({});
    m_title->clear();
    m_class = m_feature = -1;
    m_exportButton->setEnabled(false);
    m_buildButton->setEnabled(m_session->isOpen() && !m_builder->isRunning());
    if (!m_session->isOpen()) {
        m_hint->setText(tr("No workspace is open."));
        return;
    }
    try {
        m_reader = std::make_unique<salient::DatasetReader>(m_session->workspace());
    } catch (const std::exception& e) {
        m_reader.reset();
        m_hint->setText(
            tr("No Salient dataset yet: label the discovery study's pairs, then build it with Build Dataset "
               "(<tt>salient dataset build</tt>), or import one with <tt>salient dataset import</tt>.") +
            QStringLiteral("<br><small>%1</small>").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        return;
    }
    m_hint->setText(
        tr("Choose a feature for its images, or a class for each image's unions of spurious and core "
           "masks. Click a picture to enlarge it with all its masks."));
    m_exportButton->setEnabled(true);
    applyFilters();
}

void DatasetBrowser::buildDataset()
{
    if (!m_session->isOpen() || m_builder->isRunning())
        return;
    const std::string path = m_session->nativePath();
    m_builder->start([path](const salient::Job& job) {
        salient::Workspace workspace = WorkspaceSession::openWorkerConnection(path);
        salient::buildDataset(workspace, salient::DatasetBuildOptions{}, job);
    });
}

void DatasetBrowser::applyFilters()
{
    std::vector<salient::DatasetPair> shown;
    if (m_reader) {
        const QString subLabel = m_subLabel->currentData().toString();
        for (const salient::DatasetPair& pair : m_reader->pairs()) {
            if (m_spuriousOnly->isChecked() && !pair.spurious())
                continue;
            if (!subLabel.isEmpty() && QString::fromStdString(pair.subLabel) != subLabel)
                continue;
            if (pair.agreement.value_or(1.0) < m_minAgreement->value() - 1e-9 ||
                pair.confidence.value_or(5.0) < m_minConfidence->value() - 1e-9)
                continue;
            shown.push_back(pair);
        }
    }
    m_pairs->setPairs(shown);
    m_tree->expandAll();
    if (m_pairs->rowCount() == 0)
        clearGrid();
}

MaskStyle DatasetBrowser::style() const
{
    return MaskStyle(m_style->currentIndex());
}

void DatasetBrowser::clearGrid()
{
    for (PictureTile* tile : m_tiles)
        delete tile;
    m_tiles.clear();
    m_tileImages.clear();
}

void DatasetBrowser::addTile(const QImage& image, const QString& caption, const QString& imagePath)
{
    auto* tile = new PictureTile(this);
    tile->setImage(image);
    tile->setCaption(caption);
    const int index = int(m_tiles.size());
    m_grid->addWidget(tile, index / Columns, index % Columns);
    connect(tile, &PictureTile::activated, this, [this, index] { enlarge(index); });
    m_tiles.append(tile);
    m_tileImages.append(imagePath);
}

void DatasetBrowser::showPair(int classIndex, int feature)
{
    m_class = classIndex;
    m_feature = feature;
    clearGrid();
    if (!m_reader)
        return;
    const salient::DatasetPair* pair = m_reader->pair(classIndex, feature);
    if (!pair)
        return;
    m_title->setText(tr("<b>%1</b>, %2 — %3")
                         .arg(QString::fromStdString(pair->wnid), DatasetPairModel::pairText(*pair),
                              DatasetPairModel::pairDetails(*pair)));
    for (const salient::DatasetMask& entry : m_reader->masksOf(classIndex, feature)) {
        const salient::SoftMask mask = m_reader->mask(entry);
        const QImage image = loadImageForMask(QString::fromStdString(m_reader->imagePath(entry)), mask);
        addTile(renderMask(image, mask, style()),
                tr("#%1 %2").arg(entry.position).arg(QString::fromStdString(entry.image).section('/', -1)),
                QString::fromStdString(entry.image));
    }
    Q_EMIT gridShown(int(m_tiles.size()));
}

void DatasetBrowser::showUnions(int classIndex)
{
    m_class = classIndex;
    m_feature = -1;
    clearGrid();
    if (!m_reader)
        return;
    m_title->setText(tr("<b>Class %1</b>: per image, the union of its spurious masks, then of its core masks")
                         .arg(classIndex));
    std::set<std::string> images;
    for (const salient::DatasetPair& pair : m_reader->pairs())
        if (pair.classIndex == classIndex)
            for (const salient::DatasetMask& entry : m_reader->masksOf(classIndex, pair.feature))
                images.insert(entry.image);
    for (const std::string& name : images) {
        const salient::ImageMaskUnions unions = m_reader->unions(name);
        const salient::SoftMask& any = unions.spurious.empty() ? unions.core : unions.spurious;
        const QImage image = loadImageForMask(
            QString::fromStdString((std::filesystem::path(m_reader->imagesRoot()) / name).string()), any);
        const QString shortName = QString::fromStdString(name).section('/', -1);
        addTile(unions.spurious.empty() ? image : renderMask(image, unions.spurious, style()),
                tr("%1 · spurious ∪ %2").arg(shortName).arg(unions.spuriousCount),
                QString::fromStdString(name));
        addTile(unions.core.empty() ? image : renderMask(image, unions.core, style()),
                tr("%1 · core ∪ %2").arg(shortName).arg(unions.coreCount), QString::fromStdString(name));
    }
    Q_EMIT gridShown(int(m_tiles.size()));
}

void DatasetBrowser::redraw()
{
    if (m_class < 0)
        return;
    if (m_feature < 0)
        showUnions(m_class);
    else
        showPair(m_class, m_feature);
}

QList<QPair<QImage, QString>> DatasetBrowser::imagePictures(const QString& image) const
{
    QList<QPair<QImage, QString>> pictures;
    if (!m_reader)
        return pictures;
    const std::string name = image.toStdString();
    QImage source;
    for (const salient::DatasetMask& entry : salient::imageMasks(m_session->workspace().database(), name)) {
        const salient::DatasetPair* pair = m_reader->pair(entry.classIndex, entry.feature);
        if (!pair)
            continue;
        const salient::SoftMask mask = m_reader->mask(entry);
        if (source.isNull()) {
            source = loadImageForMask(QString::fromStdString(m_reader->imagePath(entry)), mask);
            pictures.append({source, image});
        }
        pictures.append(
            {renderMask(source, mask, style()), tr("%1 — %2").arg(image, DatasetPairModel::pairText(*pair))});
    }
    const salient::ImageMaskUnions unions = m_reader->unions(name);
    if (!unions.spurious.empty())
        pictures.append({renderMask(source, unions.spurious, style()),
                         tr("%1 — union of %2 spurious masks").arg(image).arg(unions.spuriousCount)});
    if (!unions.core.empty())
        pictures.append({renderMask(source, unions.core, style()),
                         tr("%1 — union of %2 core masks").arg(image).arg(unions.coreCount)});
    return pictures;
}

void DatasetBrowser::enlarge(int index)
{
    if (index < 0 || index >= m_tileImages.size())
        return;
    QVector<PictureViewer::Picture> pictures;
    for (const auto& [image, caption] : imagePictures(m_tileImages[index]))
        pictures.append({image, caption});
    if (pictures.isEmpty())
        return;
    PictureViewer viewer(pictures, 0, this);
    viewer.exec();
}
