// The application's look: a calm accent colour over the system palette, and the colours of
// label chips. GUI thread only.
#pragma once

#include <QColor>
#include <QString>

class QApplication;

namespace sentinela::ui {

// The accent used for selection highlights, primary buttons and the side bar.
QColor accentColor();

// Text that asks for care without being an error (a wide validation interval): a dark amber,
// readable on light and dark backgrounds.
QColor warningColor();

// A stable, readable colour for a label name (same label, same colour, in every view): the
// colour its task defines (registered with setLabelColor), else a fixed or hashed one.
QColor labelColor(const QString& label);
void setLabelColor(const QString& label, const QColor& colour);

// Applies the accent to the palette and a small style sheet (side bar, chips, primary buttons).
void applyStyle(QApplication& application);

}  // namespace sentinela::ui
