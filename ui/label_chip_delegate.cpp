#include "ui/label_chip_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include "ui/style.h"

namespace sentinela::ui {

LabelChipDelegate::LabelChipDelegate(int labelsRole, bool muted, QObject* parent)
    : QStyledItemDelegate(parent), labelsRole_(labelsRole), muted_(muted) {}

int LabelChipDelegate::paintChips(QPainter* painter,
                                  const QRect& rect,
                                  const QStringList& labels,
                                  const QFont& font,
                                  bool muted) {
    QFont chipFont = font;
    chipFont.setPointSizeF(font.pointSizeF() * 0.9);
    const QFontMetrics metrics(chipFont);
    const int height = std::min(rect.height() - 4, metrics.height() + 4);
    int x = rect.left() + 4;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(chipFont);
    for (const QString& label : labels) {
        const int width = metrics.horizontalAdvance(label) + 14;
        if (x + width > rect.right()) {
            break;
        }
        const QRectF chip(x, rect.center().y() - height / 2.0, width, height);
        QColor fill = labelColor(label);
        if (muted) {
            fill.setAlpha(70);  // predictions: lighter than human decisions
        }
        QPainterPath path;
        path.addRoundedRect(chip, height / 2.0, height / 2.0);
        painter->fillPath(path, fill);
        if (muted) {
            painter->setPen(QPen(labelColor(label), 1));
            painter->drawPath(path);
            painter->setPen(QApplication::palette().color(QPalette::Text));
        } else {
            painter->setPen(Qt::white);
        }
        painter->drawText(chip, Qt::AlignCenter, label);
        x += width + 4;
    }
    painter->restore();
    return x - rect.left();
}

void LabelChipDelegate::paint(QPainter* painter,
                              const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &background, painter,
                                       option.widget);
    const QStringList labels = index.data(labelsRole_).toStringList();
    paintChips(painter, option.rect, labels, option.font, muted_);
}

QSize LabelChipDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    return size;
}

}  // namespace sentinela::ui
