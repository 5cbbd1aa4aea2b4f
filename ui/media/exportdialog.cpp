#include "ui/media/exportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/media/dialogrows.h"
#include "ui/media/export.h"
#include "ui/views/screenfit.h"
#include "ui/views/scrollbox.h"
#include "ui/views/wrappedlabel.h"

namespace ui {

ExportDialog::ExportDialog(const engine::Scenario& scenario, const History& history,
                           std::size_t shown, QWidget* parent)
    : QDialog(parent), m_look(RunLook::from(scenario)), m_shown(shown) {
    setWindowTitle(tr("Export image or CSV"));
    m_history = history;
    auto* form = new QFormLayout;
    const FramePtr frame = shown < history.size() ? history.at(shown) : FramePtr();
    form->addRow(new QLabel(
        frame ? tr("The step on show: trial %1 (PC %2). CSV holds every trace recorded so far.")
                    .arg(frame->pc->trial)
                    .arg(QString::fromLatin1(engine::phaseName(frame->pc->phase)))
              : tr("Nothing recorded yet."),
        this));
    m_view = dialogrows::viewBox(this);
    form->addRow(tr("View:"), m_view);
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    m_width->setRange(16, 16384);
    m_height->setRange(16, 16384);
    m_width->setValue(1280);
    m_height->setValue(720);
    auto* size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("×"), this));
    size->addWidget(m_height);
    size->addStretch();
    form->addRow(tr("Size (pixels):"), size);
    m_scale = new QDoubleSpinBox(this);
    m_scale->setRange(0.0, 8.0);
    m_scale->setSingleStep(0.5);
    m_scale->setSpecialValueText(tr("automatic"));
    m_scale->setValue(0.0);
    m_scale->setToolTip(tr("Pixels per layout pixel: 2 draws the same layout twice as sharp"));
    form->addRow(tr("Scale:"), m_scale);
    m_caption = new QCheckBox(tr("Caption line"), this);
    form->addRow(m_caption);
    m_title = new QLineEdit(this);
    form->addRow(tr("Title:"), m_title);
    const dialogrows::FileRow file =
        dialogrows::fileRow(tr("picture.png (.png, .svg; .pdf for one plot; .csv)"), this);
    m_path = file.path;
    form->addRow(tr("File:"), file.layout);
    m_note = new WrappedLabel({}, this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* save = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    auto* column = new QVBoxLayout(this);
    auto* fields = new QWidget(this);
    fields->setLayout(form);
    form->setContentsMargins(0, 0, 0, 0);
    column->addWidget(new ScrollBox(fields, this), 1);  // scrolls on a screen too small for it
    column->addWidget(m_note);
    column->addWidget(buttons);
    // On a high-DPI screen, default to pictures as sharp as the screen shows the window.
    if (const double dpr = parent ? parent->devicePixelRatioF() : 1.0; dpr > 1.0) {
        m_scale->setValue(dpr);
        m_width->setValue(int(1280 * dpr));
        m_height->setValue(int(720 * dpr));
    }
    connect(file.browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(save, &QPushButton::clicked, this, [this] {
        const QString error = exportNow();
        m_note->setWrappedText(error.isEmpty() ? tr("Wrote %1").arg(m_path->text()) : error,
                               !error.isEmpty());
        growToFit(this);
    });
}

void ExportDialog::browse() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export to"), m_path->text(),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF of a plot (*.pdf);;CSV of the traces "
           "(*.csv)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void ExportDialog::setPath(const QString& path) {
    m_path->setText(path);
}
void ExportDialog::setView(RecordView view) {
    m_view->setCurrentIndex(int(view));
}
void ExportDialog::setFrameSize(QSize size) {
    m_width->setValue(size.width());
    m_height->setValue(size.height());
}
void ExportDialog::setScale(double scale) {
    m_scale->setValue(scale);
}

QString ExportDialog::exportNow() {
    const QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return tr("Choose a file to export to.");
    if (m_history.empty())
        return tr("Nothing recorded yet.");
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        return exportCsv(m_history, m_look, path);
    RenderSettings s;
    s.view = static_cast<RecordView>(m_view->currentIndex());
    s.size = {m_width->value(), m_height->value()};
    s.scale = m_scale->value();
    s.caption = m_caption->isChecked();
    s.title = m_title->text();
    return exportImage(m_look, m_history, std::min(m_shown, m_history.size() - 1), s, path);
}

}  // namespace ui
