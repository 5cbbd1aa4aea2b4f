#pragma once

#include <QSplitter>

namespace ui {

/// A splitter whose handles can be seen: a grey bar with a grip of dots, darker under the mouse.
/// (A style sheet would do the same, but style sheets stop fonts from following the window's
/// zoom.) Its handle width follows setHandleWidth().
class GripSplitter : public QSplitter {
    Q_OBJECT
public:
    explicit GripSplitter(Qt::Orientation orientation, QWidget* parent = nullptr);

protected:
    QSplitterHandle* createHandle() override;
};

}  // namespace ui
