#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QMenu;
class QNetworkInterface;

namespace ps {

// One subnet a local interface is on, as the Subnet menu offers it.
struct InterfaceSubnet
{
    QString interfaceName;  // "eth0"
    QString address;        // the interface's own address, "192.168.1.23"
    int prefixLength = 0;
    QString cidr;           // the subnet to sweep, "192.168.1.0/24"
    quint64 hostCount = 0;  // addresses the CIDR stands for
};

// The Subnet button's menu: one entry per IPv4 subnet of an interface that is up (IPv6 only
// where the prefix is narrow enough to sweep, /108 or longer). Choosing one only fills the
// targets field: a sweep never starts by itself.
class InterfaceMenu final : public QObject
{
    Q_OBJECT

public:
    InterfaceMenu(QMenu *menu, QObject *parent);

    static QList<InterfaceSubnet> subnets();
    static QList<InterfaceSubnet> subnetsOf(const QList<QNetworkInterface> &interfaces);

Q_SIGNALS:
    void subnetChosen(const QString &cidr);

private:
    void rebuild();

    QMenu *m_menu;
};

} // namespace ps
