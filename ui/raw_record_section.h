// The "Original record" section of the post details: collapsed by default behind an arrow
// toggle, it shows the post's record exactly as the import read it from the export (its JSON
// line, CSV row or chat lines), for provenance. JSON is re-indented for reading by
// storage::indentJsonRecord (no Qt, tested with GoogleTest); "Copy" copies the original bytes.
// The record is read with Workspace::rawRecord (a primary-key lookup and the decompression of
// its ~300 KB block, about half a millisecond: fine on the GUI thread) only while the section
// is expanded: collapsed, moving between posts costs nothing.
// GUI thread only.
#pragma once

#include <QPointer>
#include <QWidget>
#include <cstdint>
#include <optional>
#include <string>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace sentinela::ui {

class WorkspaceSession;

class RawRecordSection : public QWidget {
    Q_OBJECT
public:
    explicit RawRecordSection(QWidget* parent = nullptr);
    void setSession(WorkspaceSession* session);
    // The post whose record to show (nullopt: none). Reads it now if expanded, else on expand.
    void showPost(std::optional<std::int64_t> postId);

    bool isExpanded() const;
    void setExpanded(bool expanded);
    // What the section shows: the (re-indented) record, or why there is none. For tests.
    QString recordText() const;
    QString missingText() const;
    QToolButton* toggle() const { return toggle_; }
    QPushButton* copyButton() const { return copy_; }

private:
    void load();
    void showMissing(const QString& why);

    QPointer<WorkspaceSession> session_;
    std::optional<std::int64_t> postId_;
    bool loaded_ = false;  // the current post's record is on screen
    std::string raw_;      // the original bytes, for Copy
    QToolButton* toggle_;
    QWidget* body_;
    QPlainTextEdit* text_;
    QPushButton* copy_;
    QLabel* missing_;
};

}  // namespace sentinela::ui
