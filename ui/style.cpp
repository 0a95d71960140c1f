#include "ui/style.h"

#include <QApplication>
#include <QHash>
#include <QPalette>

namespace sentinela::ui {

QColor accentColor() {
    return QColor(0x2b, 0x6c, 0xb0);  // a calm blue
}

QColor warningColor() {
    return QColor(0xb3, 0x5c, 0x00);
}

namespace {
QHash<QString, QColor>& registeredColors() {
    static QHash<QString, QColor> colors;
    return colors;
}
}  // namespace

void setLabelColor(const QString& label, const QColor& colour) {
    if (colour.isValid()) {
        registeredColors().insert(label, colour);
    }
}

QColor labelColor(const QString& label) {
    const auto registered = registeredColors().constFind(label);
    if (registered != registeredColors().constEnd()) {
        return *registered;
    }
    // Common labels get fixed, meaningful colours; others a hue from their name's hash.
    static const QHash<QString, QColor> known = {
            {"offensive", QColor(0xd9, 0x53, 0x4f)}, {"not_offensive", QColor(0x4c, 0x9a, 0x6a)},
            {"negative", QColor(0xd9, 0x53, 0x4f)},  {"neutral", QColor(0x8a, 0x8f, 0x98)},
            {"positive", QColor(0x4c, 0x9a, 0x6a)},  {"hate", QColor(0xb0, 0x3a, 0x2e)},
            {"illegal", QColor(0x8e, 0x44, 0xad)},   {"none", QColor(0x8a, 0x8f, 0x98)},
    };
    const auto it = known.constFind(label.toLower());
    if (it != known.constEnd()) {
        return *it;
    }
    const int hue = static_cast<int>(qHash(label) % 360);
    return QColor::fromHsl(hue, 110, 115);
}

void applyStyle(QApplication& application) {
    QPalette palette = application.palette();
    palette.setColor(QPalette::Highlight, accentColor());
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, accentColor());
    application.setPalette(palette);
    application.setStyleSheet(QStringLiteral(R"(
QListWidget#sideBar { border: none; background: palette(window); font-size: 11pt; outline: 0; }
QListWidget#sideBar::item { padding: 10px 14px; border-radius: 6px; margin: 2px 6px; }
QListWidget#sideBar::item:selected { background: %1; color: white; }
QLabel[role="title"] { font-size: 16pt; font-weight: 600; }
QLabel[role="subtitle"] { color: palette(mid); }
QLabel[role="cardValue"] { font-size: 20pt; font-weight: 600; color: %1; }
QLabel[role="cardName"] { color: palette(dark); }
QLabel[role="warning"] { color: #9a5b00; }
QFrame[role="card"] { border: 1px solid palette(midlight); border-radius: 8px; background: palette(base); }
QPushButton[role="primary"] { background: %1; color: white; border: none; border-radius: 5px;
                              padding: 6px 14px; font-weight: 600; }
QPushButton[role="primary"]:disabled { background: palette(mid); }
)")
                                      .arg(accentColor().name()));
}

}  // namespace sentinela::ui
