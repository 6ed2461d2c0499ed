// The L2 PGD attack: it raises the loss at every step count and never leaves the eps ball or [0, 1].
#include "TestSupport.h"

#include "core/attack/PgdL2_p.h"
#include "core/model/ModelFile.h"

using namespace salient;
using namespace salient::test;

class TestPgdL2 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void raisesTheLossInsideTheBall()
    {
        LoadedModel model = loadModel(fixture("narrow_state.pt"), at::kCPU);
        Network& network = *model.network;
        const at::Tensor images = expectedTensor("narrow_expected.pt", "input");
        at::Tensor labels;
        {
            at::NoGradGuard noGrad;
            labels = network.logits(images).argmax(1); // attack the model's own predictions
        }
        const LogitsFunction logits = [&](const at::Tensor& x) {
            return network.logits(x);
        };
        auto loss = [&](const at::Tensor& x) {
            at::NoGradGuard noGrad;
            return at::nll_loss(at::log_softmax(network.logits(x), 1), labels).item<double>();
        };
        double previous = loss(images);
        for (int steps : {1, 2, 4, 8}) {
            const PgdSettings settings{0.5, steps, 0.0};
            const at::Tensor adversarial = pgdL2Attack(logits, images, labels, settings);
            const double current = loss(adversarial);
            QVERIFY2(current > previous,
                     qPrintable(QString("%1 steps: loss %2 after %3").arg(steps).arg(current).arg(previous)));
            previous = current;
            QVERIFY(perImageNorm(adversarial - images).max().item<double>() <= 0.5 + 1e-5);
            QVERIFY(adversarial.min().item<double>() >= 0.0);
            QVERIFY(adversarial.max().item<double>() <= 1.0);
        }
    }

    void leavesParameterGradientsAlone()
    {
        LoadedModel model = loadModel(fixture("narrow_state.pt"), at::kCPU);
        ResNet& resnet = model.network->resnet();
        resnet.setTrainable(true);
        const at::Tensor images = expectedTensor("narrow_expected.pt", "input");
        const LogitsFunction logits = [&](const at::Tensor& x) {
            return model.network->logits(x);
        };
        pgdL2Attack(logits, images, at::zeros({images.size(0)}, at::kLong), {0.5, 2, 0.0});
        for (const auto& p : resnet.parameters())
            QVERIFY(!p.grad().defined());
    }
};

QTEST_GUILESS_MAIN(TestPgdL2)
#include "TestPgdL2.moc"
