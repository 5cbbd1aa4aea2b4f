#pragma once

#include <QString>

class QComboBox;
class QHBoxLayout;
class QLineEdit;
class QPushButton;
class QWidget;

namespace ui {

/// Rows the record and export dialogs share.
namespace dialogrows {

/// The views to draw, in RecordView order.
QComboBox* viewBox(QWidget* parent);

/// A file name with a Browse… button beside it.
struct FileRow {
    QLineEdit* path;
    QPushButton* browse;
    QHBoxLayout* layout;
};
FileRow fileRow(const QString& placeholder, QWidget* parent);

}  // namespace dialogrows

}  // namespace ui
