#include "ui/teaching/lessonpanel.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/editing/scenariodocument.h"
#include "ui/teaching/lessonrunner.h"
#include "ui/views/wrappedlabel.h"

namespace ui {

namespace {

QFont boldFont(const QWidget* w, double scale = 1.0) {
    QFont f = w->font();
    f.setBold(true);
    if (scale != 1.0 && f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * scale);
    return f;
}

}  // namespace

LessonPanel::LessonPanel(const ScenarioDocument* doc, LessonRunner* runner, QWidget* parent)
    : QWidget(parent), m_doc(doc), m_runner(runner) {
    setObjectName("lessonPanel");
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* head = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName("lessonTitle");
    m_title->setWordWrap(true);
    head->addWidget(m_title, 1);
    m_close = new QToolButton(this);
    m_close->setObjectName("lessonClose");
    m_close->setText(QStringLiteral("×"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Hide the lesson (Lessons > Show the lesson brings it back)"));
    connect(m_close, &QToolButton::clicked, this, [this] { setWanted(false); });
    head->addWidget(m_close, 0, Qt::AlignTop);
    column->addLayout(head);
    m_position = new QLabel(this);
    m_position->setObjectName("lessonPosition");
    m_position->setWordWrap(true);
    column->addWidget(m_position);
    m_text = new WrappedLabel({}, this);
    m_text->setObjectName("lessonText");
    m_text->setTextFormat(Qt::PlainText);
    column->addWidget(m_text);
    m_notice = new WrappedLabel({}, this);
    m_notice->setObjectName("lessonNotice");
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(4);
    column->addWidget(m_notice);
    m_actions = new QVBoxLayout;
    column->addLayout(m_actions);
    m_problem = new WrappedLabel({}, this);
    m_problem->setObjectName("lessonProblem");
    m_problem->hide();
    column->addWidget(m_problem);
    auto* nav = new QHBoxLayout;
    m_back = new QPushButton(tr("< Back"), this);
    m_back->setObjectName("lessonBack");
    m_next = new QPushButton(tr("Next >"), this);
    m_next->setObjectName("lessonNext");
    connect(m_back, &QPushButton::clicked, this, [this] { setStep(m_step - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { setStep(m_step + 1); });
    nav->addWidget(m_back);
    nav->addWidget(m_next);
    column->addLayout(nav);
    auto* rule = new QFrame(this);
    rule->setFrameShape(QFrame::HLine);
    column->addWidget(rule);
    m_title->setFont(boldFont(this, 1.15));
    m_position->setFont(boldFont(this));
    connect(doc, &ScenarioDocument::loaded, this, &LessonPanel::onLoaded);
    connect(doc, &ScenarioDocument::changed, this, &LessonPanel::refresh);
    onLoaded();
}

int LessonPanel::stepCount() const {
    return static_cast<int>(m_lesson.steps.size());
}

void LessonPanel::setWanted(bool wanted) {
    if (wanted == m_wanted)
        return;
    m_wanted = wanted;
    updateVisibility();
    emit wantedChanged(wanted);
}

void LessonPanel::setStep(int k) {
    m_step = std::clamp(k, 0, std::max(0, stepCount() - 1));
    m_problem->hide();
    refresh();
}

QString LessonPanel::problemText() const {
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void LessonPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        m_title->setFont(boldFont(this, 1.15));
        m_position->setFont(boldFont(this));
    }
}

void LessonPanel::onLoaded() {
    const engine::Scenario& s = m_doc->scenario();
    m_lesson = s.lesson;
    m_fallbackTitle = QString::fromStdString(s.title.empty() ? s.name : s.title);
    setStep(0);
    updateVisibility();
}

void LessonPanel::updateVisibility() {
    setVisible(m_wanted && !m_lesson.empty());
}

void LessonPanel::refresh() {
    if (m_lesson.empty())
        return;
    const QString title =
        m_lesson.title.empty() ? m_fallbackTitle : QString::fromStdString(m_lesson.title);
    const QString figure = QString::fromStdString(m_lesson.figure);
    m_title->setText(figure.isEmpty() ? title : tr("%1 (%2)").arg(title, figure));
    const engine::LessonStep& step = m_lesson.steps[static_cast<size_t>(m_step)];
    const QString stepTitle = QString::fromStdString(step.title);
    m_position->setText(
        stepCount() == 1 ? stepTitle
        : stepTitle.isEmpty()
            ? tr("Step %1 of %2").arg(m_step + 1).arg(stepCount())
            : tr("Step %1 of %2: %3").arg(m_step + 1).arg(stepCount()).arg(stepTitle));
    m_position->setVisible(!m_position->text().isEmpty());
    m_text->setWrappedText(QString::fromStdString(step.text));
    m_notice->setWrappedText(tr("What to notice: %1").arg(QString::fromStdString(step.notice)));
    m_notice->setVisible(!step.notice.empty());
    fillActions(step);
    m_back->setEnabled(m_step > 0);
    m_next->setEnabled(m_step + 1 < stepCount());
    m_back->setVisible(stepCount() > 1);
    m_next->setVisible(stepCount() > 1);
}

void LessonPanel::fillActions(const engine::LessonStep& step) {
    // Later: the button pressed may be the one whose action (an edit) refreshes the panel.
    for (QPushButton* b : m_buttons) {
        b->hide();
        b->deleteLater();
    }
    m_buttons.clear();
    for (size_t i = 0; i < step.actions.size(); ++i) {
        const engine::LessonAction& action = step.actions[i];
        auto* b = new QPushButton(QString::fromStdString(action.label), this);
        b->setObjectName(QStringLiteral("lessonAction%1").arg(i));
        const QString why = m_runner->problem(action);
        b->setEnabled(why.isEmpty());
        b->setToolTip(why);
        connect(b, &QPushButton::clicked, this, [this, action] {
            const QString problem = m_runner->perform(action);
            m_problem->setWrappedText(problem, true);
            m_problem->setVisible(!problem.isEmpty());
            if (!problem.isEmpty())
                emit this->problem(problem);
        });
        m_actions->addWidget(b);
        m_buttons.push_back(b);
    }
}

}  // namespace ui
