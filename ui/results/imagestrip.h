#pragma once

#include <QImage>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

namespace ui {

/// A row of test images, each with its true class and the class each rule predicts for it (green
/// when right, red when wrong), and a caption per rule saying which run the predictions come from.
/// The dataset tabs update it after every epoch while the runs learn.
class ImageStrip : public QWidget {
    Q_OBJECT
public:
    explicit ImageStrip(QWidget* parent = nullptr);

    /// The images (grey, any size; drawn at 2x 28 px) and their true classes' names.
    void setImages(std::vector<QImage> images, QStringList truths);
    /// Rule 0 (BP) or 1 (PC): the predicted class names (one per image, or empty for none yet),
    /// whether each is right, and a caption ("PC: α 0.01, seed 0, epoch 7").
    void setPredictions(int rule, QStringList predicted, std::vector<bool> correct,
                        QString caption);
    /// Forgets the predictions (a new run).
    void clearPredictions();

    int imageCount() const { return static_cast<int>(m_images.size()); }
    QStringList truths() const { return m_truths; }
    QStringList predictions(int rule) const { return m_rows[rule].predicted; }
    std::vector<bool> correct(int rule) const { return m_rows[rule].correct; }
    QString caption(int rule) const { return m_rows[rule].caption; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Row {
        QStringList predicted;
        std::vector<bool> correct;
        QString caption;
    };
    std::vector<QImage> m_images;
    QStringList m_truths;
    Row m_rows[2];
};

}  // namespace ui
