#include "ui/media/dialogrows.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace ui::dialogrows {

QComboBox* viewBox(QWidget* parent) {
    auto* box = new QComboBox(parent);
    box->addItems({QObject::tr("the whole lab (both panes and plots)"), QObject::tr("BP pane"),
                   QObject::tr("PC pane"), QObject::tr("energy machine (PC)"),
                   QObject::tr("the plots"), QObject::tr("plot: energy"),
                   QObject::tr("plot: outputs"), QObject::tr("plot: loss"),
                   QObject::tr("plot: weights"), QObject::tr("plot: alignment"),
                   QObject::tr("plot: landscape")});
    return box;
}

FileRow fileRow(const QString& placeholder, QWidget* parent) {
    FileRow row{new QLineEdit(parent), new QPushButton(QObject::tr("Browse…"), parent),
                new QHBoxLayout};
    row.path->setPlaceholderText(placeholder);
    row.layout->addWidget(row.path, 1);
    row.layout->addWidget(row.browse);
    return row;
}

}  // namespace ui::dialogrows
