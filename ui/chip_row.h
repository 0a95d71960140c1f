// A row of label chips (a caption, then one rounded coloured chip per label), for the post
// details and the review page. GUI thread only.
#pragma once

#include <QStringList>
#include <QWidget>

namespace sentinela::ui {

class ChipRow : public QWidget {
    Q_OBJECT
public:
    explicit ChipRow(const QString& caption, bool muted, QWidget* parent = nullptr);
    // texts[i] is drawn in the colour of labels[i] (e.g. "offensive 0.93" for "offensive").
    void setChips(const QStringList& labels, const QStringList& texts = {});
    QStringList labels() const { return labels_; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString caption_;
    bool muted_;
    QStringList labels_;
    QStringList texts_;
};

}  // namespace sentinela::ui
