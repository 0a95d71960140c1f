#include "ui/model_store.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <filesystem>

namespace sentinela::ui {

namespace {
// Model files are read and written by path; a private temporary folder carries the bytes.
std::filesystem::path temporaryModelPath(const QTemporaryDir& dir) {
    return std::filesystem::path(dir.path().toStdString()) / "model.sentinela-model";
}

storage::WorkspaceError temporaryFolderError(const storage::Workspace& workspace) {
    return storage::WorkspaceError(workspace.file(), "could not create a temporary folder.",
                                   "Free some disk space in the temporary folder and try again.");
}
}  // namespace

std::shared_ptr<const model::Classifier> loadClassifier(storage::Workspace& workspace,
                                                        const storage::ModelInfo& info) {
    if (!info.file.empty() && std::filesystem::exists(info.file)) {
        return std::make_shared<const model::Classifier>(model::Classifier::load(info.file));
    }
    const std::string bytes = workspace.modelBlob(info.id);
    QTemporaryDir dir;
    if (!dir.isValid()) {
        throw temporaryFolderError(workspace);
    }
    const auto path = temporaryModelPath(dir);
    QFile out(QString::fromStdString(path.string()));
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(bytes.data(), static_cast<qint64>(bytes.size())) !=
                static_cast<qint64>(bytes.size())) {
        throw temporaryFolderError(workspace);
    }
    out.close();
    return std::make_shared<const model::Classifier>(model::Classifier::load(path));
}

std::optional<storage::ModelInfo> activeModelInfo(storage::Workspace& workspace,
                                                  const std::string& task) {
    for (auto& info : workspace.models(task)) {
        if (info.active) {
            return info;
        }
    }
    return std::nullopt;
}

std::int64_t storeClassifier(storage::Workspace& workspace,
                             const model::Classifier& classifier,
                             const std::string& task,
                             const std::string& analyst) {
    QTemporaryDir dir;
    if (!dir.isValid()) {
        throw temporaryFolderError(workspace);
    }
    const auto path = temporaryModelPath(dir);
    classifier.save(path);
    QFile in(QString::fromStdString(path.string()));
    if (!in.open(QIODevice::ReadOnly)) {
        throw temporaryFolderError(workspace);
    }
    const QByteArray bytes = in.readAll();

    storage::ModelRegistration registration;
    registration.task = task;
    registration.name =
            task + "-" + QDateTime::currentDateTimeUtc().toString("yyyyMMdd-HHmmss").toStdString();
    registration.blob.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    const std::string& metrics = classifier.metadata().valMetricsJson;
    registration.metricsJson = metrics.empty() ? "{}" : metrics;
    registration.thresholds = classifier.thresholds();
    return workspace.registerModel(registration, analyst);
}

}  // namespace sentinela::ui
