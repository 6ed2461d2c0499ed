// Reading and writing model files: every supported format, damaged files, and our own saves read back
// by PyTorch in Python.
#include "HostileModels.h"
#include "PeakMemory.h"
#include "TestSupport.h"

#include "base/Errors.h"
#include "core/model/ModelFile.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <fstream>

using namespace salient;
using namespace salient::test;

class TestModelFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /// Writes the hostile archives (tests/core/make_hostile_models.py) once for the tests below.
    void initTestCase()
    {
        QVERIFY(m_hostile.isValid());
        const QString failure = writeHostileModels(m_hostile.path());
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void formatsAreRecognised_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("architecture");
        QTest::newRow("TorchScript") << "resnet18_script.pt"
                                     << "torchscript"
                                     << "resnet18";
        QTest::newRow("state dict") << "resnet50_state.pt"
                                    << "state-dict"
                                    << "resnet50";
        QTest::newRow("robustness") << "robustness_resnet18.pt"
                                    << "robustness"
                                    << "resnet18";
        QTest::newRow("nested state_dict") << "narrow_state.pt"
                                           << "state-dict"
                                           << "resnet-narrow";
        QTest::newRow("black box") << "blackbox_script.pt"
                                   << "torchscript"
                                   << "torchscript";
    }

    void formatsAreRecognised()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, architecture);
        const LoadedModel loaded = loadModel(fixture(file.toStdString()), at::kCPU);
        QCOMPARE(QString::fromStdString(loaded.info.format), format);
        QCOMPARE(QString::fromStdString(loaded.info.architecture), architecture);
        QCOMPARE(loaded.info.sha256.size(), std::size_t(64));
    }

    void badFilesGiveClearErrors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "empty.pt"
                               << "empty file";
        QTest::newRow("random bytes") << "random.pt"
                                      << "not a PyTorch model";
        QTest::newRow("truncated") << "truncated.pt"
                                   << "damaged or truncated zip archive";
        QTest::newRow("legacy") << "legacy.pt"
                                << "legacy torch.save format";
        QTest::newRow("mis-shaped key") << "misshaped_fc.pt"
                                        << "shape mismatch for key 'fc.weight'";
        QTest::newRow("missing key") << "missing_downsample.pt"
                                     << "missing key 'layer2.0.downsample.0.weight'";
        QTest::newRow("not a ResNet") << "not_a_resnet.pt"
                                      << "unknown architecture";
        QTest::newRow("missing file") << "no-such-model.pt"
                                      << "cannot open file";
        QTest::newRow("an image") << "photo0.png"
                                  << "not a PyTorch model";
    }

    void badFilesGiveClearErrors()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        const std::string path = fixture(file.toStdString());
        try {
            loadModel(path, at::kCPU);
            QFAIL("loading should have failed");
        } catch (const ModelError& e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QString::fromStdString(path)), qPrintable(what));
            QVERIFY2(what.contains(message), qPrintable(what));
            QVERIFY2(!what.contains("Exception raised from"), "no C++ backtrace reaches the user");
        }
    }

    void sidecarDescribesPreprocessingAndClasses()
    {
        QTemporaryDir dir;
        const std::string model = dir.filePath("narrow.pt").toStdString();
        QVERIFY(
            QFile::copy(QString::fromStdString(fixture("narrow_state.pt")), QString::fromStdString(model)));
        std::ofstream(model + ".json") << R"({"preprocessing": {"resize": 0, "crop": 64, "mean": [0, 0, 0],
            "std": [1, 1, 1]}, "classes": ["a","b","c","d","e","f","g","h","i","j"]})";
        const LoadedModel loaded = loadModel(model, at::kCPU);
        QCOMPARE(loaded.info.preprocessing.resize, 0);
        QCOMPARE(loaded.info.preprocessing.crop, 64);
        QCOMPARE(QString::fromStdString(loaded.info.className(9)), QString("j"));

        std::ofstream(model + ".json") << R"({"classes": ["only one"]})";
        QVERIFY_THROWS_EXCEPTION(ModelError, loadModel(model, at::kCPU));

        // Values that would divide by zero or make every image allocate gigabytes are refused by name.
        for (const auto& [sidecar, named] : std::vector<std::pair<std::string, QString>>{
                 {R"({"preprocessing": {"std": [0.2, 0, 0.2]}})", "'std'"},
                 {R"({"preprocessing": {"crop": 1e8}})", "'crop'"},
                 {R"({"preprocessing": {"resize": -3}})", "'resize'"},
                 {R"({"preprocessing": {"crop": 100000000}})", "'crop'"}}) {
            std::ofstream(model + ".json") << sidecar;
            try {
                loadModel(model, at::kCPU);
                QFAIL(sidecar.c_str());
            } catch (const ModelError& e) {
                QVERIFY2(QString(e.what()).contains(named) && QString(e.what()).contains("narrow.pt.json"),
                         e.what());
            }
        }
    }

    void ownSaveRoundTripsAndLoadsInPyTorch()
    {
        QTemporaryDir dir;
        const std::string saved = dir.filePath("converted.pt").toStdString();
        LoadedModel original = loadModel(fixture("robustness_resnet18.pt"), at::kCPU);
        original.info.classNames.assign(1000, "");
        original.info.classNames[3] = "tiger shark";
        original.info.extraJson = R"({"recipe": "test"})";
        saveModel(saved, original.network->resnet(), original.info);

        LoadedModel reloaded = loadModel(saved, at::kCPU);
        QCOMPARE(QString::fromStdString(reloaded.info.format), QString("salient"));
        QCOMPARE(reloaded.info.preprocessing.mean, original.info.preprocessing.mean);
        QCOMPARE(QString::fromStdString(reloaded.info.className(3)), QString("tiger shark"));
        QCOMPARE(QString::fromStdString(reloaded.info.extraJson), QString(R"({"recipe":"test"})"));
        const at::Tensor input = expectedTensor("robustness_resnet18_expected.pt", "input");
        at::NoGradGuard noGrad;
        SALIENT_COMPARE_TENSORS(reloaded.network->logits(input),
                                expectedTensor("robustness_resnet18_expected.pt", "logits"), 1e-5);

        // PyTorch reads the same file into a torchvision resnet18 (strict) and gets the same logits.
        QProcess python;
        python.start("/usr/bin/python3",
                     {QString(SALIENT_SOURCE_DIR) + "/tests/core/check_saved_model.py",
                      QString::fromStdString(saved),
                      QString::fromStdString(fixture("robustness_resnet18_expected.pt"))});
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    }

    /// Each hostile archive is refused with its own message, without a crash, before it costs memory.
    void hostileArchivesAreRefusedEarly_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("peakMiB"); // the most the process's peak memory may grow
        QTest::newRow("200k nested tuples") << "nested_tuples.pt"
                                            << "nests deeper than 1000 levels" << 64;
        QTest::newRow("1001 levels") << "nested_1001.pt"
                                     << "nests deeper than 1000 levels" << 64;
        QTest::newRow("20M MARKs") << "marks.pt"
                                   << "more than 1000000 values and marks on the pickle's stack" << 512;
        QTest::newRow("2 GiB zip bomb")
            << "zip_bomb.pt"
            << "zip entry 'archive/data/0' would unpack to 2147483648 bytes (2.0 GiB) from 2" << 64;
        QTest::newRow("entry inflating past its size")
            << "lying_size.pt"
            << "zip entry 'archive/data/0' inflates past its declared size of 4096 bytes" << 64;
        QTest::newRow("storage larger than declared")
            << "storage_mismatch.pt"
            << "tensor storage '0' declares 4 elements of 4 bytes but 'data/0' holds 4000 bytes" << 64;
    }

    void hostileArchivesAreRefusedEarly()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QFETCH(int, peakMiB);
        const std::string path = m_hostile.filePath(file).toStdString();
        const std::uint64_t base = resetPeakMemory();
        QElapsedTimer timer;
        timer.start();
        try {
            loadModel(path, at::kCPU);
            QFAIL("loading should have failed");
        } catch (const ModelError& e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QString::fromStdString(path)) && what.contains(message),
                     qPrintable(what));
        }
        const std::uint64_t grown = peakMemoryGrowth(base);
        qInfo("%s: refused in %lld ms, peak memory +%llu MiB", qPrintable(file), timer.elapsed(),
              static_cast<unsigned long long>(grown >> 20));
        QVERIFY2(grown < std::uint64_t(peakMiB) << 20, qPrintable(QString::number(grown >> 20) + " MiB"));
    }

    /// The limits leave real files alone: 1000 levels read, and an archive written like the hostile
    /// ones, but sound, gives its tensor.
    void filesWithinTheLimitsAreRead()
    {
        const PickleValue deep = readTorchSave(m_hostile.filePath("nested_1000.pt").toStdString());
        QVERIFY(deep.find("x") != nullptr);
        const PickleValue sound = readTorchSave(m_hostile.filePath("sound.pt").toStdString());
        const PickleValue* w = sound.find("w");
        QVERIFY(w && w->kind == PickleValue::Kind::Tensor);
        SALIENT_COMPARE_TENSORS(w->tensor, at::arange(1, 5, at::kFloat), 0.0);
    }

    /// A tree far deeper than the stack could follow recursively is freed, whether built by the
    /// reader or by code, and with subtrees shared by other copies.
    void deepTreesAreFreedWithoutRecursion()
    {
        PickleValue shared;
        {
            PickleValue root;
            for (int level = 0; level < 300000; ++level) {
                PickleValue parent;
                if (level % 2) {
                    parent.kind = PickleValue::Kind::Dict;
                    parent.entries = std::make_shared<PickleValue::Entries>();
                    parent.entries->emplace_back(PickleValue(), std::move(root));
                } else {
                    parent.kind = PickleValue::Kind::Tuple;
                    parent.items = std::make_shared<PickleValue::Items>();
                    parent.items->push_back(std::move(root));
                }
                root = std::move(parent);
                if (level == 150000)
                    shared = root;
            }
        } // root and the upper half go here
        QCOMPARE(shared.kind, PickleValue::Kind::Tuple);
    }

private:
    QTemporaryDir m_hostile;
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "TestModelFile.moc"
