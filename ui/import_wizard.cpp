#include "ui/import_wizard.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "storage/import_into_workspace.h"
#include "storage/workspace.h"
#include "ui/job.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
// A wizard page whose "complete" state (Next/Finish enabled) is a predicate of the wizard.
class CheckedPage : public QWizardPage {
public:
    explicit CheckedPage(std::function<bool()> complete) : complete_(std::move(complete)) {}
    bool isComplete() const override { return complete_(); }
    void recheck() { emit completeChanged(); }

private:
    std::function<bool()> complete_;
};

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
    auto* table = new QTableWidget(0, headers.size(), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}
}  // namespace

ImportWizard::ImportWizard(WorkspaceSession* session, QWidget* parent)
    : QWizard(parent),
      session_(session),
      detectJob_(new Job(this)),
      previewJob_(new Job(this)),
      importJob_(new Job(this)) {
    setObjectName("importWizard");
    setWindowTitle(tr("Import posts"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(kFilePage, buildFilePage());
    setPage(kMappingPage, buildMappingPage());
    setPage(kRunPage, buildRunPage());
    resize(900, 620);
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id == kMappingPage) {
            refreshPreview();
        } else if (id == kRunPage && !report_ && !importJob_->isRunning()) {
            startImport();
        }
    });
    connect(previewJob_, &Job::finished, this, [this] {
        if (previewAgain_) {
            previewAgain_ = false;
            refreshPreview();
        }
    });
    connect(detectJob_, &Job::failed, this, [this](const QString& message) {
        detectedLabel_->setText(
                tr("<b>This file cannot be imported.</b><br>%1").arg(message.toHtmlEscaped()));
    });
    connect(previewJob_, &Job::failed, this, [this](const QString& message) {
        preview_->setRowCount(0);
        previewStatus_->setText(tr("Cannot read the file this way: %1").arg(message));
        recheckPage(kMappingPage);
    });
    connect(importJob_, &Job::failed, this, &ImportWizard::showImportError);
    connect(importJob_, &Job::progressed, this, [this](double fraction, const QString& line) {
        progress_->setRange(0, fraction < 0 ? 0 : 1000);
        progress_->setValue(static_cast<int>(fraction * 1000));
        progressText_->setText(line);
    });
}

void ImportWizard::recheckPage(int id) {
    if (auto* checked = dynamic_cast<CheckedPage*>(page(id))) {
        checked->recheck();
    }
}

// ~QDialog hides the wizard, and hiding moves the focus out of the file field, whose
// editingFinished would call detect() on a wizard whose members are already destroyed (UBSan:
// "downcast of address ... which does not point to an object of type 'ImportWizard'"). So from
// here on nothing the wizard or its children emit reaches the wizard's own slots and lambdas.
ImportWizard::~ImportWizard() {
    disconnect(this, nullptr, this, nullptr);
    for (QObject* child : findChildren<QObject*>()) {
        disconnect(child, nullptr, this, nullptr);
    }
}

QWizardPage* ImportWizard::buildFilePage() {
    auto* page = new CheckedPage([this] { return detected_.has_value(); });
    page->setTitle(tr("Choose an export"));
    page->setSubTitle(
            tr("X/Twitter, Reddit, Mastodon, Telegram, Facebook, Instagram, WhatsApp, "
               "CSV or JSON; plain, .gz or .zst. The format is detected for you."));
    fileEdit_ = new QLineEdit(page);
    fileEdit_->setObjectName("importFile");
    auto* browse = new QPushButton(tr("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose an export"));
        if (!file.isEmpty()) {
            setFile(file);
        }
    });
    connect(fileEdit_, &QLineEdit::editingFinished, this, &ImportWizard::detect);
    detectedLabel_ = new QLabel(page);
    detectedLabel_->setWordWrap(true);
    detectedLabel_->setObjectName("detectedFormat");
    auto* row = new QHBoxLayout;
    row->addWidget(fileEdit_, 1);
    row->addWidget(browse);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(detectedLabel_);
    layout->addStretch();
    return page;
}

QWizardPage* ImportWizard::buildMappingPage() {
    auto* page = new CheckedPage([this] { return !previewJob_->isRunning(); });
    page->setTitle(tr("Format and fields"));
    page->setSubTitle(
            tr("Check the preview. Change the format or name the fields if the "
               "guess is wrong; leave a field on \"(automatic)\" to keep the "
               "format's default."));
    format_ = new QComboBox(page);
    format_->setObjectName("formatBox");
    for (auto format : storage::allFormats()) {
        format_->addItem(text(std::string(storage::formatName(format))), static_cast<int>(format));
    }
    textField_ = new QComboBox(page);
    idField_ = new QComboBox(page);
    authorField_ = new QComboBox(page);
    dateField_ = new QComboBox(page);
    labelField_ = new QComboBox(page);
    labelField_->setObjectName("labelField");
    labelTask_ = new QComboBox(page);
    labelTask_->setObjectName("labelTask");
    if (session_) {
        for (const auto& task : session_->workspace().tasks()) {
            labelTask_->addItem(text(task.name), text(task.name));
        }
        labelTask_->setCurrentIndex(labelTask_->findData(text(session_->task())));
    }
    for (QComboBox* box : {textField_, idField_, authorField_, dateField_, labelField_}) {
        box->setEditable(true);
        box->setMinimumWidth(180);
        connect(box, &QComboBox::currentTextChanged, this, &ImportWizard::refreshPreview);
    }
    connect(format_, &QComboBox::currentIndexChanged, this, &ImportWizard::refreshPreview);
    auto* form = new QFormLayout;
    form->addRow(tr("Format"), format_);
    auto* fields = new QHBoxLayout;
    auto* left = new QFormLayout;
    left->addRow(tr("Text"), textField_);
    left->addRow(tr("Post id"), idField_);
    left->addRow(tr("Author"), authorField_);
    auto* right = new QFormLayout;
    right->addRow(tr("Date"), dateField_);
    right->addRow(tr("Label field"), labelField_);
    right->addRow(tr("Labels go to task"), labelTask_);
    fields->addLayout(left);
    fields->addLayout(right);
    previewStatus_ = new QLabel(page);
    previewStatus_->setWordWrap(true);
    preview_ = makeTable({tr("Line"), tr("Author"), tr("Date"), tr("Label"), tr("Text")}, page);
    preview_->setObjectName("importPreview");
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addLayout(fields);
    layout->addWidget(previewStatus_);
    layout->addWidget(preview_, 1);
    return page;
}

QWizardPage* ImportWizard::buildRunPage() {
    auto* page = new CheckedPage([this] { return report_.has_value(); });
    page->setTitle(tr("Importing"));
    progress_ = new QProgressBar(page);
    progress_->setRange(0, 1000);
    progressText_ = new QLabel(page);
    stop_ = new QPushButton(tr("Stop import"), page);
    stop_->setObjectName("stopImport");
    connect(stop_, &QPushButton::clicked, this, &ImportWizard::requestStop);
    summary_ = new QLabel(page);
    summary_->setObjectName("importSummary");
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rejected_ = makeTable({tr("Line"), tr("Why it was rejected")}, page);
    rejected_->setObjectName("rejectedLines");
    rejected_->hide();
    auto* row = new QHBoxLayout;
    row->addWidget(progress_, 1);
    row->addWidget(stop_);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(progressText_);
    layout->addWidget(summary_);
    layout->addWidget(rejected_, 1);
    return page;
}

void ImportWizard::setFile(const QString& file) {
    fileEdit_->setText(file);
    detect();
}

QString ImportWizard::file() const {
    return fileEdit_->text().trimmed();
}

bool ImportWizard::isDetecting() const {
    return detectJob_->isRunning();
}

bool ImportWizard::isImporting() const {
    return importJob_->isRunning();
}

}  // namespace sentinela::ui
