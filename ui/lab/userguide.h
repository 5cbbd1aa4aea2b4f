#pragma once

#include <QDialog>
#include <QString>

class QTextBrowser;

namespace ui {

/// Help > User guide: the guide the build writes from the README's sections on the window
/// (share/prospect/guide/user-guide.md, next to the program's directory both in the build tree
/// and when installed), shown in a text browser with its pictures. Non-modal.
class UserGuide : public QDialog {
    Q_OBJECT
public:
    explicit UserGuide(QWidget* parent = nullptr);

    /// Where the guide is looked for: <program dir>/../share/prospect/guide/user-guide.md.
    static QString defaultPath();
    /// Shows the guide at `path`; returns "" or a message naming the file that could not be
    /// read (then shown in the browser instead of the guide).
    QString load(const QString& path);
    /// The browser (tests read its text).
    QTextBrowser* browser() const { return m_browser; }

protected:
    /// The browser's viewport resized: the pictures follow its width.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// Scales every picture to at most the browser's width (never above its own size).
    void fitImages();

    QTextBrowser* m_browser = nullptr;
};

}  // namespace ui
