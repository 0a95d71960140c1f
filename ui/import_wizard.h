// The import wizard: choose an export; see the detected format (and why) with a preview of the
// first posts; map the fields (text, id, author, date, language) and optionally a label field
// into a task; import with a progress bar and cancel; finish on a report of what was imported
// and of every rejected line with its number and reason. Detection, preview and the import
// itself run off the GUI thread through storage's importers. GUI thread only.
#pragma once

#include <QWizard>
#include <optional>
#include <vector>

#include "storage/import_report.h"
#include "storage/importer.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace sentinela::ui {

class Job;
class WorkspaceSession;

class ImportWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { kFilePage, kMappingPage, kRunPage };

    ImportWizard(WorkspaceSession* session, QWidget* parent = nullptr);
    ~ImportWizard() override;

    // Chooses the file as if picked in the dialog, and starts detecting its format.
    void setFile(const QString& file);
    QString file() const;
    bool isDetecting() const;
    bool isImporting() const;
    // The detected format, once detection finished.
    const std::optional<storage::DetectedFormat>& detected() const { return detected_; }
    storage::ImportOptions importOptions() const;
    std::string labelTask() const;
    // The finished import's report (also shown on the last page).
    const std::optional<storage::ImportReport>& report() const { return report_; }
    QTableWidget* previewTable() const { return preview_; }
    QTableWidget* rejectedTable() const { return rejected_; }
    void requestStop();

    void reject() override;

signals:
    void imported();  // posts were added to the workspace (also after a cancel)
    void finishedImport();

private:
    friend class ImportFilePage;
    friend class ImportMappingPage;
    friend class ImportRunPage;
    QWizardPage* buildFilePage();
    QWizardPage* buildMappingPage();
    QWizardPage* buildRunPage();
    void detect();
    void refreshPreview();
    void startImport();
    void showReport(const storage::ImportReport& report);
    void showImportError(const QString& message);
    void recheckPage(int id);

    WorkspaceSession* session_;
    Job* detectJob_;
    Job* previewJob_;
    Job* importJob_;
    std::optional<storage::DetectedFormat> detected_;
    std::optional<storage::ImportReport> report_;
    bool previewAgain_ = false;

    // file page
    QLineEdit* fileEdit_ = nullptr;
    QLabel* detectedLabel_ = nullptr;
    // mapping page
    QComboBox* format_ = nullptr;
    QComboBox* textField_ = nullptr;
    QComboBox* idField_ = nullptr;
    QComboBox* authorField_ = nullptr;
    QComboBox* dateField_ = nullptr;
    QComboBox* labelField_ = nullptr;
    QComboBox* labelTask_ = nullptr;
    QLabel* previewStatus_ = nullptr;
    QTableWidget* preview_ = nullptr;
    // run page
    QProgressBar* progress_ = nullptr;
    QLabel* progressText_ = nullptr;
    QPushButton* stop_ = nullptr;
    QLabel* summary_ = nullptr;
    QTableWidget* rejected_ = nullptr;
};

}  // namespace sentinela::ui
