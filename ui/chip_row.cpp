#include "ui/chip_row.h"

#include <QPainter>
#include <QPainterPath>

#include "ui/style.h"

namespace sentinela::ui {

ChipRow::ChipRow(const QString& caption, bool muted, QWidget* parent)
    : QWidget(parent), caption_(caption), muted_(muted) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ChipRow::setChips(const QStringList& labels, const QStringList& texts) {
    labels_ = labels;
    texts_ = texts.size() == labels.size() ? texts : labels;
    setToolTip(texts_.join(QStringLiteral(", ")));
    update();
}

QSize ChipRow::sizeHint() const {
    return {300, fontMetrics().height() + 12};
}

void ChipRow::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics metrics = fontMetrics();
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const int captionWidth = std::max(110, metrics.horizontalAdvance(caption_) + 10);
    painter.drawText(QRect(0, 0, captionWidth, height()), Qt::AlignVCenter | Qt::AlignLeft,
                     caption_);
    int x = captionWidth;
    const int chipHeight = metrics.height() + 6;
    const int y = (height() - chipHeight) / 2;
    if (labels_.isEmpty()) {
        painter.drawText(QRect(x, 0, width() - x, height()), Qt::AlignVCenter, tr("none"));
        return;
    }
    for (int i = 0; i < labels_.size(); ++i) {
        const int chipWidth = metrics.horizontalAdvance(texts_[i]) + 18;
        const QRectF chip(x, y, chipWidth, chipHeight);
        QPainterPath path;
        path.addRoundedRect(chip, chipHeight / 2.0, chipHeight / 2.0);
        QColor fill = labelColor(labels_[i]);
        if (muted_) {
            QColor light = fill;
            light.setAlpha(60);
            painter.fillPath(path, light);
            painter.setPen(QPen(fill, 1.2));
            painter.drawPath(path);
            painter.setPen(palette().color(QPalette::Text));
        } else {
            painter.fillPath(path, fill);
            painter.setPen(Qt::white);
        }
        painter.drawText(chip, Qt::AlignCenter, texts_[i]);
        x += chipWidth + 6;
    }
}

}  // namespace sentinela::ui
