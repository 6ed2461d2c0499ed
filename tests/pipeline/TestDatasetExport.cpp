// The Salient ImageNet layout out and back in: masks within the JPEG tolerance, the same labels; names
// that would escape the folder, overwriting, and an interrupted export that resumes.
#include "DatasetFixture.h"

#include "base/Csv.h"
#include "base/Errors.h"
#include "core/dataset/DatasetNames.h"
#include "pipeline/DatasetExport.h"
#include "pipeline/DatasetImport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using namespace salient;

namespace {

/// The JPEG tolerance docs/dataset.md documents for quality 95 on NAM-like masks (in 1/255 levels).
constexpr int maxAbsTolerance = 4;
constexpr double meanAbsTolerance = 0.5;

std::string exceptionText(const std::function<void()>& run)
{
    try {
        run();
    } catch (const InputError& e) {
        return e.what();
    }
    return "no InputError";
}

/// A job that asks to stop at its first report of writing masks: the export stops at its next check,
/// 64 masks later. Records the stages it was told about.
struct CancellingJob
{
    std::atomic<bool> cancel{false};
    std::vector<std::string> stages;
    Job job;

    CancellingJob()
    {
        job.cancelRequested = &cancel;
        job.onProgress = [this](std::int64_t, std::int64_t, const std::string& stage) {
            stages.push_back(stage);
            if (stage == "Writing masks")
                cancel = true;
        };
    }
};

/// Changes every mask of the workspace's dataset (255 - value) and nothing else: the same pairs, rows,
/// counts and sizes.
void invertDatasetMasks(Workspace& workspace)
{
    const std::string path = datasetMaskFilePath(workspace);
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    for (char& byte : bytes)
        byte = char(255 - static_cast<unsigned char>(byte));
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), std::streamsize(bytes.size()));
}

/// Everything the workspace's dataset is, as bytes: its pairs, its mask rows, every mask's pixels and its
/// settings.
std::string datasetSnapshot(Workspace& workspace)
{
    std::ostringstream text;
    for (const DatasetPair& pair : datasetPairs(workspace.database()))
        text << pair.classIndex << ' ' << pair.wnid << ' ' << pair.feature << ' ' << pair.rank << ' '
             << pair.label << ' ' << pair.subLabel << ' ' << pair.agreement.value_or(-1) << ' '
             << pair.confidence.value_or(-1) << '\n';
    if (datasetPairCount(workspace.database()) == 0) // DatasetReader refuses a workspace without one
        return text.str();
    const DatasetReader reader(workspace);
    for (const DatasetMask& mask : datasetMasks(workspace.database())) {
        text << mask.classIndex << ' ' << mask.feature << ' ' << mask.position << ' ' << mask.image << ' '
             << mask.width << 'x' << mask.height << " @" << mask.offset << ':';
        const SoftMask pixels = reader.mask(mask);
        text.write(reinterpret_cast<const char*>(pixels.values.data()),
                   std::streamsize(pixels.values.size()));
        text << '\n';
    }
    for (const char* key :
         {DatasetKeys::Images, DatasetKeys::Study, DatasetKeys::MaskGeometry, DatasetKeys::MaskFileName})
        text << key << '=' << workspace.configValue(key).value_or("(none)") << '\n';
    return text.str();
}

} // namespace

class TestDatasetExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_workspace = std::make_unique<Workspace>(Workspace::open(path("ws"), true));
        fixture::storeDataset(*m_workspace, path("images/train"), 12);
    }

    void exportThenImportGivesTheSameMasksAndLabels()
    {
        const DatasetExportResult exported = exportDataset(*m_workspace, {path("out")});
        QCOMPARE(exported.masks, std::int64_t(36));
        QCOMPARE(exported.written, std::int64_t(36));
        QCOMPARE(exported.classes, 2);
        QVERIFY(!fs::exists(path("out.partial")));

        // The published layout.
        QVERIFY(fs::exists(path("out/wordnet_dict.py")));
        QVERIFY(fs::exists(path("out/n00000000/feature_3/img_0.JPEG")));
        const auto map = readCsvFile(path("out/n00000000/image_names_map.csv"));
        QCOMPARE(map.size(), std::size_t(13));
        QCOMPARE(map[0].fields, (std::vector<std::string>{"7", "3"}));
        QCOMPARE(map[1].fields, (std::vector<std::string>{"img_0", "img_11"}));
        QCOMPARE(readCsvFile(path("out/manifest.csv")).size(), std::size_t(37));

        Workspace other = Workspace::open(path("ws2"), true);
        const DatasetImportResult imported = importDataset(other, {path("out"), path("images")});
        QVERIFY(imported.labelsFromManifest);
        QCOMPARE(imported.masks, std::int64_t(36));
        QCOMPARE(imported.missingImages, std::int64_t(0));
        QCOMPARE(imported.imagesRoot, path("images/train"));

        const DatasetReader before(*m_workspace), after(other);
        QCOMPARE(after.pairs().size(), before.pairs().size());
        int worst = 0;
        double sum = 0;
        std::size_t pixels = 0;
        for (const DatasetPair& pair : before.pairs()) {
            const DatasetPair* copy = after.pair(pair.classIndex, pair.feature);
            QVERIFY(copy);
            QCOMPARE(copy->label, pair.label);
            QCOMPARE(copy->subLabel, pair.subLabel);
            QCOMPARE(copy->rank, pair.rank);
            QCOMPARE(*copy->agreement, *pair.agreement);
            QCOMPARE(*copy->confidence, *pair.confidence);
            const auto masks = before.masksOf(pair.classIndex, pair.feature);
            const auto copies = after.masksOf(pair.classIndex, pair.feature);
            QCOMPARE(copies.size(), masks.size());
            for (std::size_t i = 0; i < masks.size(); ++i) {
                QCOMPARE(copies[i].image, masks[i].image);
                const SoftMask a = before.mask(masks[i]), b = after.mask(copies[i]);
                QCOMPARE(b.width, a.width);
                for (std::size_t k = 0; k < a.values.size(); ++k) {
                    const int error = std::abs(int(a.values[k]) - int(b.values[k]));
                    worst = std::max(worst, error);
                    sum += error;
                }
                pixels += a.values.size();
            }
        }
        const double mean = sum / double(pixels);
        qInfo("JPEG round trip at quality %d: max abs error %d/255, mean %.3f/255", MaskJpegQuality, worst,
              mean);
        QVERIFY2(worst <= maxAbsTolerance, qPrintable(QString::number(worst)));
        QVERIFY2(mean <= meanAbsTolerance, qPrintable(QString::number(mean)));
        QVERIFY(worst > 0); // JPEG is lossy: a zero would mean the comparison saw the same bytes
    }

    /// A folder with a missing or a truncated mask in its last pair fails the import with the file's name,
    /// and the dataset the workspace held is the same to the byte: nothing was cleared or half replaced.
    void failedImportKeepsTheOldDataset()
    {
        exportDataset(*m_workspace, {path("out")});
        Workspace other = Workspace::open(path("ws2"), true);
        importDataset(other, {path("out"), path("images")});
        const std::string before = datasetSnapshot(other);
        QCOMPARE(datasetPairCount(other.database()), std::int64_t(3));

        const std::string bad = "n00000001/feature_7/img_5.JPEG";
        fs::copy(path("out"), path("missing"), fs::copy_options::recursive);
        fs::remove(path("missing/" + bad));
        fs::copy(path("out"), path("truncated"), fs::copy_options::recursive);
        fs::resize_file(path("truncated/" + bad), fs::file_size(path("out/" + bad)) / 2);
        for (const char* folder : {"missing", "truncated"}) {
            const std::string message = exceptionText([&] {
                importDataset(other, {path(folder), path("images")});
            });
            QVERIFY2(message.find(path(std::string(folder) + "/" + bad)) != std::string::npos,
                     message.c_str());
            QVERIFY2(datasetSnapshot(other) == before, folder);
            // The failed import's masks are gone; the old dataset's file is the only one.
            QCOMPARE(
                std::distance(fs::directory_iterator(path("ws2/salient-dataset")), fs::directory_iterator()),
                std::ptrdiff_t(1));
        }
        QVERIFY(exceptionText([&] {
                    importDataset(other, {path("truncated"), path("images")});
                }).find("truncated JPEG") != std::string::npos);

        // A good import still replaces it, in the other mask file.
        fs::remove(path("missing/manifest.csv"));
        fs::copy_file(path("out/" + bad), path("missing/" + bad));
        const DatasetImportResult replaced = importDataset(other, {path("missing"), path("images")});
        QVERIFY(!replaced.labelsFromManifest);
        QVERIFY(datasetSnapshot(other) != before);
        QCOMPARE(datasetMaskCount(other.database()), std::int64_t(36));
    }

    void importWithoutManifestCallsEverythingSpurious()
    {
        exportDataset(*m_workspace, {path("out")});
        fs::remove(path("out/manifest.csv"));
        Workspace other = Workspace::open(path("ws2"), true);
        const DatasetImportResult imported = importDataset(other, {path("out"), path("images")});
        QVERIFY(!imported.labelsFromManifest);
        QCOMPARE(imported.pairs, 3);
        QCOMPARE(imported.missingImages, std::int64_t(36)); // published names end in .JPEG
        for (const DatasetPair& pair : datasetPairs(other.database()))
            QCOMPARE(pair.label, std::string("spurious"));
        QCOMPARE(pairMasks(other.database(), 1, 7).front().image, std::string("n00000001/img_11.JPEG"));
    }

    void refusesToOverwriteWithoutForce()
    {
        exportDataset(*m_workspace, {path("out")});
        fs::remove(path("out/n00000001/feature_7/img_0.JPEG"));
        QVERIFY(exceptionText([&] { exportDataset(*m_workspace, {path("out")}); }).find("--force") !=
                std::string::npos);
        QVERIFY(!fs::exists(path("out/n00000001/feature_7/img_0.JPEG")));
        DatasetExportOptions options{path("out")};
        options.force = true;
        exportDataset(*m_workspace, options);
        QVERIFY(fs::exists(path("out/n00000001/feature_7/img_0.JPEG")));
        // Never onto the workspace itself.
        options.directory = path("");
        QVERIFY(exceptionText([&] { exportDataset(*m_workspace, options); }).find("holds the workspace") !=
                std::string::npos);
    }

    void rejectsNamesThatEscapeTheFolder()
    {
        for (const std::string wnid : {"../escape", "..", "/tmp/abs", "a\\b"}) {
            QTemporaryDir dir;
            Workspace workspace = Workspace::open(dir.filePath("ws").toStdString(), true);
            fixture::storeDataset(workspace, "", 2, 8, {{0, wnid, 1, "spurious", "background"}});
            const std::string message =
                exceptionText([&] { exportDataset(workspace, {dir.filePath("out/x").toStdString()}); });
            QVERIFY2(message.find("outside the dataset folder") != std::string::npos, message.c_str());
            QVERIFY(!fs::exists(dir.filePath("out").toStdString()));
            QVERIFY(!fs::exists(dir.filePath("escape").toStdString()));
        }
        QVERIFY_THROWS_EXCEPTION(InputError, checkPathComponent("", "the image name"));
        checkPathComponent("n01440764_10026", "the image name");

        // On import: a name in image_names_map.csv and a wnid in wordnet_dict.py.
        exportDataset(*m_workspace, {path("out")});
        std::ofstream(path("out/n00000000/image_names_map.csv"), std::ios::app) << "../../../etc/passwd,x\n";
        Workspace other = Workspace::open(path("ws2"), true);
        std::string message = exceptionText([&] { importDataset(other, {path("out"), path("images")}); });
        QVERIFY2(message.find("outside the dataset folder") != std::string::npos, message.c_str());
        std::ofstream(path("out/wordnet_dict.py")) << "{0: '../n00000000'}\n";
        message = exceptionText([&] { importDataset(other, {path("out"), path("images")}); });
        QVERIFY2(message.find("outside the dataset folder") != std::string::npos, message.c_str());
        QCOMPARE(parseWordnetDict("d = {\n  0: 'n1', # a\n  12: \"n2\",\n}", "x").at(12), std::string("n2"));
    }

    void cancelledExportResumes()
    {
        CancellingJob cancelling;
        fixture::storeDataset(
            *m_workspace, path("images/train"), 40, 48,
            {{2, "n00000002", 5, "core", ""}, {2, "n00000002", 9, "spurious", "background"}});
        QVERIFY_THROWS_EXCEPTION(JobCancelled, exportDataset(*m_workspace, {path("out")}, cancelling.job));
        QVERIFY(!fs::exists(path("out")));
        QVERIFY(fs::exists(path("out.partial")));
        // A kill during a write leaves a temporary file, never a half mask under its name.
        fs::create_directories(path("out.partial/n00000002/feature_9"));
        std::ofstream(path("out.partial/n00000002/feature_9/img_0.JPEG.partial")) << "half";
        const DatasetExportResult resumed = exportDataset(*m_workspace, {path("out")});
        QCOMPARE(resumed.reused, std::int64_t(64));
        QCOMPARE(resumed.written + resumed.reused, resumed.masks);
        QVERIFY(fs::exists(path("out/n00000002/feature_9/img_0.JPEG")));
        QVERIFY(!fs::exists(path("out.partial")));
        QVERIFY(!resumed.discardedPartial);
    }

    /// An export interrupted, then the dataset changes with the same counts and sizes (a rebuild): the
    /// resumed export must not keep a single mask file of the old dataset.
    void resumeAfterTheDatasetChangedStartsOver()
    {
        CancellingJob cancelling;
        fixture::storeDataset(
            *m_workspace, path("images/train"), 40, 48,
            {{2, "n00000002", 5, "core", ""}, {2, "n00000002", 9, "spurious", "background"}});
        QVERIFY_THROWS_EXCEPTION(JobCancelled, exportDataset(*m_workspace, {path("out")}, cancelling.job));
        QVERIFY(fs::exists(path("out.partial/n00000000/feature_7/img_0.JPEG")));
        invertDatasetMasks(*m_workspace);

        CancellingJob watching;
        watching.job.cancelRequested = nullptr;
        const DatasetExportResult resumed = exportDataset(*m_workspace, {path("out")}, watching.job);
        QVERIFY(resumed.discardedPartial);
        QCOMPARE(resumed.reused, std::int64_t(0));
        QCOMPARE(resumed.written, resumed.masks);
        QVERIFY(std::any_of(watching.stages.begin(), watching.stages.end(), [](const std::string& stage) {
            return stage.find("Starting over") != std::string::npos;
        }));

        // Every exported mask is the current dataset's, within the JPEG tolerance (an old one is off by
        // up to 255).
        const DatasetReader reader(*m_workspace);
        for (const DatasetMask& mask : datasetMasks(m_workspace->database())) {
            const std::string file =
                path("out/" + reader.pair(mask.classIndex, mask.feature)->wnid + "/feature_" +
                     std::to_string(mask.feature) + "/" + fs::path(mask.image).stem().string() + ".JPEG");
            const SoftMask exported = readMaskImage(file), stored = reader.mask(mask);
            QCOMPARE(exported.values.size(), stored.values.size());
            for (std::size_t k = 0; k < stored.values.size(); ++k)
                QVERIFY2(std::abs(int(exported.values[k]) - int(stored.values[k])) <= maxAbsTolerance,
                         qPrintable(QString::fromStdString(file + " is not the current dataset's mask")));
        }
    }

private:
    std::string path(const std::string& name) const
    {
        return m_dir->filePath(QString::fromStdString(name)).toStdString();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_workspace;
};

QTEST_GUILESS_MAIN(TestDatasetExport)
#include "TestDatasetExport.moc"
