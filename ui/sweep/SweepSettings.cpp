#include "ui/sweep/SweepSettings.h"

#include "ui/widgets/WorkspaceSession.h"

#include "base/Errors.h"
#include "database/DatasetTables.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <set>

using namespace salient;

namespace {

QString joinedSigmas(const std::vector<double>& sigmas)
{
    QStringList parts;
    for (double sigma : sigmas)
        parts << QString::number(sigma);
    return parts.join(", ");
}

} // namespace

SweepSettings::SweepSettings(WorkspaceSession* session, QWidget* parent) : QWidget(parent), m_session(session)
{
    m_models = new QListWidget(this);
    m_models->setObjectName("sweepModels");
    m_models->setToolTip(tr("Checked models are swept together; each gets its own resize and crop"));
    m_models->setMaximumHeight(fontMetrics().height() * 6);
    m_addModel = new QPushButton(tr("Add Model…"), this);
    m_addModel->setToolTip(
        tr("Any model file the program reads: native ResNets and TorchScript classifiers"));
    connect(m_addModel, &QPushButton::clicked, this, &SweepSettings::browseModel);

    m_sigmas = new QLineEdit(joinedSigmas(defaultSigmas()), this);
    m_sigmas->setToolTip(tr("Noise levels σ, separated by commas; for black, grey, mean and blur the blend "
                            "strength (values above 1 act as 1)"));

    auto* strategies = new QGridLayout;
    int index = 0;
    for (SweepStrategy strategy : allSweepStrategies()) {
        auto* box = new QCheckBox(QString::fromStdString(strategyName(strategy)), this);
        box->setChecked(strategy == SweepStrategy::Noise);
        strategies->addWidget(box, index / 3, index % 3);
        m_strategies.push_back(box);
        ++index;
    }
    m_strategies[0]->setToolTip(tr("x + σ·z·m, z ~ N(0, 1), clipped to [0, 1]"));
    m_strategies[1]->setToolTip(tr("x + σ·u·m, u ~ U(−1, 1), clipped to [0, 1]"));
    m_strategies[2]->setToolTip(tr("blend the region towards black"));
    m_strategies[3]->setToolTip(tr("blend the region towards grey (0.5)"));
    m_strategies[4]->setToolTip(tr("blend the region towards the image's mean colour"));
    m_strategies[5]->setToolTip(tr("blend the region towards the blurred image (Gaussian, σ = side / 16)"));

    m_masks = new QComboBox(this);
    m_masks->setToolTip(tr("The regions to corrupt: the Salient dataset's soft masks of the annotated "
                           "features, or the true regions of a demo world's split"));
    connect(m_masks, &QComboBox::currentIndexChanged, this, &SweepSettings::loadScope);
    m_class = new QComboBox(this);
    m_feature = new QComboBox(this);
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 999999999);
    m_seed->setToolTip(tr("The noise of an image depends only on the seed, the image, the strategy and σ"));
    m_limit = new QSpinBox(this);
    m_limit->setRange(0, 100000000);
    m_limit->setSpecialValueText(tr("all"));
    m_limit->setToolTip(tr("At most this many images, spread evenly over the scope"));
    m_batchSize = new QSpinBox(this);
    m_batchSize->setRange(1, 4096);
    m_batchSize->setValue(SweepOptions().batchSize);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Levels"), m_sigmas);
    form->addRow(tr("Strategies"), strategies);
    form->addRow(tr("Masks"), m_masks);
    form->addRow(tr("Class"), m_class);
    form->addRow(tr("Feature"), m_feature);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Images"), m_limit);
    form->addRow(tr("Batch size"), m_batchSize);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_models);
    layout->addWidget(m_addModel, 0, Qt::AlignLeft);
    layout->addLayout(form);
}

QCheckBox* SweepSettings::strategy(SweepStrategy strategy) const
{
    return m_strategies.at(std::size_t(strategy));
}

void SweepSettings::reload()
{
    m_models->clear();
    const QSignalBlocker blocker(m_masks);
    m_masks->clear();
    if (m_session->isOpen()) {
        try {
            Workspace& workspace = m_session->workspace();
            for (const char* key : {WorkspaceKeys::RobustModel, WorkspaceKeys::StandardModel})
                if (workspace.configValue(key))
                    addModel(QString::fromStdString(workspaceFile(workspace, key)));
            const std::int64_t pairs = datasetPairCount(workspace.database());
            if (pairs > 0)
                m_masks->addItem(tr("Salient dataset (%n labelled features)", nullptr, int(pairs)),
                                 QString());
            if (workspace.configValue(WorkspaceKeys::Dataset))
                for (const char* split : {"test", "test_balanced", "val", "train"})
                    m_masks->addItem(tr("Ground truth, %1 split").arg(split), QString(split));
        } catch (const std::exception&) {
            // An unreadable workspace leaves the lists empty; starting a sweep then says why.
        }
    }
    loadScope();
}

void SweepSettings::addModel(const QString& path)
{
    auto* item = new QListWidgetItem(QFileInfo(path).completeBaseName(), m_models);
    item->setData(Qt::UserRole, path);
    item->setToolTip(path);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
}

void SweepSettings::browseModel()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Add Model"), m_session->path(),
                                                      tr("Model files (*.pt *.pth *.ckpt);;All files (*)"));
    if (!path.isEmpty())
        addModel(path);
}

void SweepSettings::loadScope()
{
    m_class->clear();
    m_feature->clear();
    m_class->addItem(tr("All classes"));
    m_feature->addItem(tr("All features"));
    if (!m_session->isOpen() || m_masks->count() == 0)
        return;
    try {
        const auto source = openWorkspaceSweepSource(m_session->workspace(), maskChoice());
        for (const std::string& id : source->classIds())
            m_class->addItem(QString::fromStdString(id), QString::fromStdString(id));
        std::set<std::pair<int, std::string>> features;
        for (const SourceFeature& f : sourceFeatures(*source))
            features.insert({f.feature, source->featureName(f.classIndex, f.feature)});
        for (const auto& [feature, name] : features)
            m_feature->addItem(QString::fromStdString(name), QString::number(feature));
    } catch (const std::exception&) {
        // No masks there: the scope stays "all", and starting says what is missing.
    }
}

SweepStepOptions SweepSettings::maskChoice() const
{
    SweepStepOptions options;
    const QString split = m_masks->currentData().toString();
    options.masks = split.isEmpty() ? SweepMasks::Dataset : SweepMasks::GroundTruth;
    if (!split.isEmpty())
        options.split = split.toStdString();
    return options;
}

std::optional<SweepStepOptions> SweepSettings::options(QString* error) const
{
    SweepStepOptions options;
    try {
        options.sweep.sigmas = parseSigmas(m_sigmas->text().remove(' ').toStdString());
    } catch (const InputError& e) {
        *error = QString::fromStdString(e.what());
        return std::nullopt;
    }
    options.sweep.strategies.clear();
    for (std::size_t i = 0; i < m_strategies.size(); ++i)
        if (m_strategies[i]->isChecked())
            options.sweep.strategies.push_back(allSweepStrategies()[i]);
    for (int i = 0; i < m_models->count(); ++i)
        if (m_models->item(i)->checkState() == Qt::Checked)
            options.models.push_back(m_models->item(i)->data(Qt::UserRole).toString().toStdString());
    if (options.models.empty()) {
        *error = tr("Check at least one model.");
        return std::nullopt;
    }
    if (options.sweep.strategies.empty()) {
        *error = tr("Check at least one strategy.");
        return std::nullopt;
    }
    if (m_masks->count() == 0) {
        *error = tr("The workspace has neither a Salient dataset nor a demo world's masks to sweep with.");
        return std::nullopt;
    }
    const SweepStepOptions masks = maskChoice();
    options.masks = masks.masks;
    options.split = masks.split;
    if (m_class->currentIndex() > 0)
        options.classText = m_class->currentData().toString().toStdString();
    if (m_feature->currentIndex() > 0)
        options.featureText = m_feature->currentData().toString().toStdString();
    options.sweep.seed = std::uint64_t(m_seed->value());
    options.sweep.scope.limit = m_limit->value();
    options.sweep.batchSize = m_batchSize->value();
    return options;
}
