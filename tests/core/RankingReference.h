#pragma once

// Compares the program's feature ranking with the one reference_ranking.py wrote from PyTorch's features.
#include "core/index/FeatureRanking.h"
#include "core/index/IndexView.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cstdint>
#include <string>
#include <vector>

namespace salient::test {

/// Features, importance (within `tolerance` relative to max(1, |x|)), ranks and top images of every class
/// against `referenceJson`; `compared` counts the (class, feature) pairs checked.
inline void compareRankingWithReference(const std::string& indexDirectory, const QString& referenceJson,
                                        int& compared, double tolerance = 1e-4)
{
    QFile file(referenceJson);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(referenceJson));
    const QJsonObject reference = QJsonDocument::fromJson(file.readAll()).object();
    const IndexView index = IndexView::open(indexDirectory);
    const auto indices = [](const QJsonArray& array) {
        std::vector<std::int64_t> values;
        for (const auto& value : array)
            values.push_back(value.toInteger());
        return values;
    };
    compared = 0;
    for (int cls = 0; cls < index.classes(); ++cls) {
        const auto ranked = rankClassFeatures(index, cls);
        const QJsonArray expected = reference[QString::number(cls)].toArray();
        QCOMPARE(int(ranked.size()), int(expected.size()));
        for (std::size_t r = 0; r < ranked.size(); ++r) {
            const QJsonObject e = expected[int(r)].toObject();
            QCOMPARE(ranked[r].feature, e["feature"].toInt());
            QCOMPARE(ranked[r].rank, int(r) + 1);
            QVERIFY(qAbs(ranked[r].importance - e["importance"].toDouble()) <=
                    tolerance * qMax(1.0, qAbs(e["importance"].toDouble())));
            QCOMPARE(ranked[r].topPredicted, indices(e["top_predicted"].toArray()));
            QCOMPARE(ranked[r].topLabelled, indices(e["top_labelled"].toArray()));
            ++compared;
        }
    }
}

} // namespace salient::test
