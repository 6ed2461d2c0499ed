// The native ResNet against PyTorch: the same weights and inputs must give the same logits, features,
// layer4 maps and input gradients (references written by scripts/make_model_fixtures.py).
#include "TestSupport.h"

#include "base/Errors.h"
#include "core/Runtime.h"
#include "core/model/ModelFile.h"

using namespace salient;
using namespace salient::test;

class TestResNet : public QObject
{
    Q_OBJECT

    /// Folding batch normalisation into the convolutions reorders float operations. On a deep network
    /// with random weights (activations in the thousands) that rounding is as large as PyTorch's own, so
    /// the folded result is judged against the double-precision forward pass: it may stray from it at
    /// most twice as far as PyTorch's float forward pass does. A wrong fold misses by orders more.
    static void compareWithExact(const at::Tensor& folded, const std::string& reference,
                                 const std::string& name)
    {
        const at::Tensor exact = expectedTensor(reference, name + "_exact");
        const double pytorchError = relativeError(expectedTensor(reference, name), exact);
        const double foldedError = relativeError(folded, exact);
        const double allowed = std::max(1e-4, 2 * pytorchError);
        QVERIFY2(foldedError <= allowed,
                 qPrintable(QString("folded %1 is %2 from the exact result (allowed %3)")
                                .arg(QString::fromStdString(name))
                                .arg(foldedError)
                                .arg(allowed)));
    }

private Q_SLOTS:
    void initTestCase() { configureTorchThreads(); }

    void matchesPyTorch_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("expected");
        QTest::newRow("resnet18 TorchScript") << "resnet18_script.pt"
                                              << "resnet18_expected.pt";
        QTest::newRow("resnet18 state dict") << "resnet18_state.pt"
                                             << "resnet18_expected.pt";
        QTest::newRow("resnet50 TorchScript") << "resnet50_script.pt"
                                              << "resnet50_expected.pt";
        QTest::newRow("resnet50 state dict") << "resnet50_state.pt"
                                             << "resnet50_expected.pt";
        QTest::newRow("robustness checkpoint") << "robustness_resnet18.pt"
                                               << "robustness_resnet18_expected.pt";
        QTest::newRow("narrow small-image") << "narrow_state.pt"
                                            << "narrow_expected.pt";
    }

    void matchesPyTorch()
    {
        QFETCH(QString, model);
        QFETCH(QString, expected);
        const std::string reference = expected.toStdString();
        LoadedModel loaded = loadModel(fixture(model.toStdString()), at::kCPU);
        QVERIFY(loaded.info.native);
        const at::Tensor input = expectedTensor(reference, "input");
        {
            at::NoGradGuard noGrad;
            const ResNetOutputs out = loaded.network->outputs(input);
            SALIENT_COMPARE_TENSORS(out.logits, expectedTensor(reference, "logits"), 1e-4);
            SALIENT_COMPARE_TENSORS(out.features, expectedTensor(reference, "features"), 1e-4);
            SALIENT_COMPARE_TENSORS(out.layer4, expectedTensor(reference, "layer4"), 1e-4);
            const ResNetOutputs folded =
                loaded.network->resnet().inferenceForward(loaded.network->normalise(input));
            compareWithExact(folded.logits, reference, "logits");
            compareWithExact(folded.features, reference, "features");
            compareWithExact(folded.layer4, reference, "layer4");
        }
        const std::int64_t target = expectedTensor(reference, "target").item<std::int64_t>();
        const at::Tensor grad = loaded.network->inputGradient(
            input, [target](const ResNetOutputs& out) { return out.logits.select(1, target).sum(); });
        // Gradients are small numbers: compare relative to their own scale.
        const at::Tensor expectedGrad = expectedTensor(reference, "grad");
        const double scale = expectedGrad.abs().max().item<double>();
        QVERIFY(scale > 0);
        SALIENT_COMPARE_TENSORS(grad / scale, expectedGrad / scale, 1e-4);
    }

    void robustnessNormaliserIsHonoured()
    {
        const LoadedModel loaded = loadModel(fixture("robustness_resnet18.pt"), at::kCPU);
        QCOMPARE(loaded.info.preprocessing.mean[0], 0.5f);
        QCOMPARE(loaded.info.preprocessing.std[2], 0.3f);
    }

    void blackBoxScriptGivesItsLogits()
    {
        LoadedModel loaded = loadModel(fixture("blackbox_script.pt"), at::kCPU);
        QVERIFY(!loaded.info.native);
        QCOMPARE(loaded.info.numClasses, 7);
        at::NoGradGuard noGrad;
        SALIENT_COMPARE_TENSORS(loaded.network->logits(expectedTensor("blackbox_expected.pt", "input")),
                                expectedTensor("blackbox_expected.pt", "logits"), 1e-4);
        QVERIFY_THROWS_EXCEPTION(ModelError, loaded.network->outputs(at::zeros({1, 3, 32, 32})));
    }

    void unexpectedKeysAreNamed()
    {
        ResNet resnet(ResNetSpec::standard("resnet18", 10));
        std::map<std::string, at::Tensor> weights;
        for (const auto& [name, tensor] : resnet.stateDict())
            weights[name] = tensor;
        weights["layer5.0.conv1.weight"] = at::zeros({1});
        try {
            resnet.loadStateDict(weights);
            QFAIL("an extra key must be refused");
        } catch (const ModelError& e) {
            QVERIFY2(QString(e.what()).contains("unexpected key 'layer5.0.conv1.weight'"), e.what());
        }
    }

    void trainingModeUpdatesBatchStatistics()
    {
        ResNetSpec spec;
        spec.widths = {4, 8, 8, 8};
        spec.blocks = {1, 1, 1, 1};
        spec.stemWidth = 4;
        spec.smallInputStem = true;
        spec.numClasses = 3;
        ResNet resnet(spec);
        const at::Tensor before = resnet.stateDict()[3].second.clone(); // bn1.running_mean
        QCOMPARE(QString::fromStdString(resnet.stateDict()[3].first), QString("bn1.running_mean"));
        const at::Tensor probe = at::rand({2, 3, 16, 16});
        resnet.inferenceForward(probe); // folds the initial statistics
        resnet.forward(at::rand({4, 3, 16, 16}), true);
        QVERIFY(!resnet.stateDict()[3].second.equal(before));
        // The folded weights follow the updated statistics.
        SALIENT_COMPARE_TENSORS(resnet.inferenceForward(probe).logits, resnet.forward(probe).logits, 1e-3);
        QCOMPARE(resnet.stateDict()[5].second.item<std::int64_t>(), std::int64_t(1));
        QCOMPARE(resnet.forward(at::rand({2, 3, 16, 16})).logits.size(1), std::int64_t(3));
    }
};

QTEST_GUILESS_MAIN(TestResNet)
#include "TestResNet.moc"
