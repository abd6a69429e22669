#pragma once

#include <QObject>

namespace ps {

// Accepts a local file dropped on the widgets it watches (the window, the targets field, the
// table) and reports it; anything else dropped passes through (text still drops into the
// field as text).
class FileDrop final : public QObject
{
    Q_OBJECT

public:
    explicit FileDrop(QObject *parent = nullptr) : QObject(parent) {}

    void watch(QWidget *widget);

Q_SIGNALS:
    void fileDropped(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace ps
