#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <cstdint>
#include <vector>

namespace ui {

/// Two confusion matrices side by side, BP's and PC's: rows are the true classes, columns the
/// predicted ones, each cell shaded by its share of the row and labelled with its count. Cells
/// outside a block (continual: a task's images are only ever predicted within their task) can be
/// left blank.
class ConfusionView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionView(QWidget* parent = nullptr);

    /// Rule 0 (BP) or 1 (PC): n x n counts, counts[row * n + col] (-1: not applicable, blank);
    /// the class names label the rows and columns; the title names the run.
    void setMatrix(int rule, std::vector<std::int64_t> counts, QStringList names, QString title);
    void clear();

    /// n of a rule's matrix (0 when none).
    int size(int rule) const { return static_cast<int>(m_matrices[rule].names.size()); }
    std::int64_t count(int rule, int row, int col) const;
    QString title(int rule) const { return m_matrices[rule].title; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Matrix {
        std::vector<std::int64_t> counts;
        QStringList names;
        QString title;
    };
    void paintMatrix(class QPainter& p, const QRect& area, const Matrix& m, int rule) const;
    Matrix m_matrices[2];
};

}  // namespace ui
