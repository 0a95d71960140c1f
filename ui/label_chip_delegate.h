// Paints a cell's labels as coloured, rounded chips (one colour per label, the same in every
// view). Reads a QStringList from the given role. GUI thread only.
#pragma once

#include <QStyledItemDelegate>

namespace sentinela::ui {

class LabelChipDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    // muted: lighter chips with an outline (the model's predictions, not human decisions).
    LabelChipDelegate(int labelsRole, bool muted, QObject* parent = nullptr);
    void paint(QPainter* painter,
               const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Draws chips for `labels` left to right inside `rect`; returns the width used.
    static int paintChips(QPainter* painter,
                          const QRect& rect,
                          const QStringList& labels,
                          const QFont& font,
                          bool muted = false);

private:
    int labelsRole_;
    bool muted_;
};

}  // namespace sentinela::ui
