// Training from the GUI on a tiny labeled set: a run that completes stores a model the page can
// make active; a run stopped right away leaves no model and the page usable.
#include "ui/train_page.h"

#include <QComboBox>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "model/pretrainer.h"
#include "storage/workspace.h"
#include "tests/ui/ui_test_support.h"
#include "ui/active_model.h"
#include "ui/metrics_view.h"
#include "ui/model_store.h"
#include "ui/scan_page.h"
#include "ui/training_chart.h"
#include "ui/workspace_session.h"

using namespace sentinela;

class TrainPageTest : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QVERIFY(dir_.isValid());
        file_ = dir_.filePath(QString("w%1.sentinela").arg(counter_++));
        ui::testing::createWorkspace(file_.toStdString(), ui::testing::samplePosts(240));
    }

    void trainsAndActivates() {
        ui::WorkspaceSession session(file_);
        session.setTask("offensive");
        ui::TrainPage page;
        page.setSession(&session);
        page.show();
        page.activate();
        page.setEpochs(2);
        QSignalSpy finished(&page, &ui::TrainPage::trainingFinished);
        page.startTraining();
        QVERIFY(page.isTraining());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(page.trainedModelId() > 0);
        QVERIFY(page.chart()->pointCount() >= 2);  // curves were drawn live
        QCOMPARE(page.metricsView()->perClassTable()->rowCount(), 2);
        QCOMPARE(page.metricsView()->confusionTable()->rowCount(), 2);
        // A few dozen validation posts: the page says how uncertain the figure is.
        QVERIFY(page.metricsView()->uncertaintyLabel()->isVisible());
        QVERIFY(page.metricsView()->uncertaintyLabel()->text().contains(QStringLiteral("95%")));

        page.activateTrainedModel();
        const auto models = session.workspace().models("offensive");
        QCOMPARE(models.size(), 1u);
        QVERIFY(models.front().active);

        // The scan page loads the new active model and scores every post of the workspace.
        ui::ScanPage scan;
        scan.setSession(&session);
        scan.show();
        scan.activate();
        QTRY_VERIFY_WITH_TIMEOUT(session.activeModel().classifier() != nullptr, 30000);
        QSignalSpy scanned(&scan, &ui::ScanPage::scanFinished);
        scan.scanWorkspace();
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 60000);
        QCOMPARE(scanned.first().first().toLongLong(), 240);
        storage::PostFilter filter;
        filter.task = "offensive";
        filter.withPrediction = true;
        QCOMPARE(session.workspace().countPosts(filter).count, 240);
    }

    // A multi-label task trains even when validation lacks some labels, and the page says which.
    void warnsAboutLabelsMissingFromValidation() {
        {
            storage::Workspace workspace(file_.toStdString());
            for (std::int64_t id = 1; id <= 120; ++id) {
                workspace.setLabels(id, "illegal-content", {id % 2 == 0 ? "threat" : "none"},
                                    "test");
            }
        }
        ui::WorkspaceSession session(file_);
        session.setTask("illegal-content");
        ui::TrainPage page;
        page.setSession(&session);
        page.show();
        page.activate();
        page.setEpochs(1);
        QSignalSpy finished(&page, &ui::TrainPage::trainingFinished);
        page.startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY2(page.warnings().contains("'fraud'"), qPrintable(page.warnings()));
    }

    // A single-label task whose validation split lacks a label: the page says so before the run
    // (training would stop with an error naming the label).
    void saysWhenValidationLacksALabel() {
        {
            storage::Workspace workspace(file_.toStdString());
            for (std::int64_t id = 1; id <= 120; ++id) {
                workspace.setLabel(id, "sentiment", id % 2 == 0 ? "positive" : "negative", "test");
            }
        }
        ui::WorkspaceSession session(file_);
        session.setTask("sentiment");
        ui::TrainPage page;
        page.setSession(&session);
        page.show();
        page.activate();
        auto* data = page.findChild<QLabel*>("trainingData");
        QVERIFY(data != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(data->text().contains("'neutral'"), 30000);
        QVERIFY(data->text().contains("would stop"));
    }

    // "Start from" an encoder of the analyst's own: the model is fine-tuned from it (its name is
    // in the model's metadata) and the size choice is off (the encoder fixes the network).
    void startsFromAPretrainedEncoder() {
        model::PretrainRun run;
        run.config.tokenizer.vocabularySize = 200;
        run.config.network.embeddingDim = 16;
        run.config.network.hiddenSize = 16;
        run.config.tokenizerPosts = 200;
        run.config.sampledDraws = 32;
        run.config.epochs = 1.0;
        run.config.heldOutPosts = 10;
        for (const auto& post : ui::testing::samplePosts(240)) {
            run.texts.push_back(post.text);
        }
        const QString encoderFile = dir_.filePath("case.encoder");
        const auto encoder = model::pretrain(run);
        encoder.save(encoderFile.toStdString());

        ui::WorkspaceSession session(file_);
        session.setTask("offensive");
        ui::TrainPage page;
        page.setSession(&session);
        page.show();
        page.activate();
        page.setEpochs(1);
        page.setEncoderFile(encoderFile);
        QCOMPARE(page.encoderFile(), encoderFile);
        QVERIFY(!page.findChild<QComboBox*>("startFrom")->currentText().isEmpty());
        QSignalSpy finished(&page, &ui::TrainPage::trainingFinished);
        page.startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(finished.first().first().toBool(), true);
        page.activateTrainedModel();
        const auto info = ui::activeModelInfo(session.workspace(), "offensive");
        QVERIFY(info.has_value());
        const auto classifier = ui::loadClassifier(session.workspace(), *info);
        QCOMPARE(QString::fromStdString(classifier->metadata().encoder),
                 QString::fromStdString(encoder.name()));

        page.setEncoderFile(QString());  // from scratch again
        QVERIFY(page.encoderFile().isEmpty());
    }

    void stopsRightAway() {
        ui::WorkspaceSession session(file_);
        session.setTask("offensive");
        ui::TrainPage page;
        page.setSession(&session);
        page.show();
        page.activate();
        page.setEpochs(50);
        QSignalSpy finished(&page, &ui::TrainPage::trainingFinished);
        page.startTraining();
        page.stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!page.isTraining(), 60000);
        // Either nothing was kept (stopped before the first epoch) or the best epoch so far.
        QCOMPARE(finished.count(), 1);
        if (!finished.first().first().toBool()) {
            QVERIFY(session.workspace().models("offensive").empty());
        }
    }

private:
    QTemporaryDir dir_;
    QString file_;
    int counter_ = 0;
};

QTEST_MAIN(TrainPageTest)
#include "train_page_test.moc"
