#include "interfacemenu.h"

#include <QLocale>
#include <QMenu>
#include <QNetworkInterface>

namespace ps {

namespace {

// A sweep of more than this is refused (SweepOptions::maxTargets); such entries are listed,
// marked, as the user may want to narrow them by hand.
constexpr quint64 kSweepLimit = quint64(1) << 20;
constexpr int kNarrowestIpv6Prefix = 108;

} // namespace

InterfaceMenu::InterfaceMenu(QMenu *menu, QObject *parent) : QObject(parent), m_menu(menu)
{
    // Interfaces come and go (VPN, Wi-Fi): list them when the menu opens, not once.
    connect(m_menu, &QMenu::aboutToShow, this, &InterfaceMenu::rebuild);
    rebuild();
}

QList<InterfaceSubnet> InterfaceMenu::subnets()
{
    return subnetsOf(QNetworkInterface::allInterfaces());
}

QList<InterfaceSubnet> InterfaceMenu::subnetsOf(const QList<QNetworkInterface> &interfaces)
{
    QList<InterfaceSubnet> out;
    for (const QNetworkInterface &iface : interfaces) {
        if (!iface.flags().testFlag(QNetworkInterface::IsUp))
            continue;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            const QHostAddress ip = entry.ip();
            const int prefix = entry.prefixLength();
            InterfaceSubnet s;
            s.interfaceName = iface.humanReadableName();
            s.address = ip.toString();
            s.prefixLength = prefix;
            if (ip.protocol() == QAbstractSocket::IPv4Protocol && prefix >= 0 && prefix <= 32) {
                const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
                s.cidr = QStringLiteral("%1/%2").arg(QHostAddress(ip.toIPv4Address() & mask).toString()).arg(prefix);
                s.hostCount = quint64(1) << (32 - prefix);
            } else if (ip.protocol() == QAbstractSocket::IPv6Protocol && prefix >= kNarrowestIpv6Prefix
                       && prefix <= 128) {
                Q_IPV6ADDR bytes = ip.toIPv6Address();
                for (int bit = prefix; bit < 128; ++bit)
                    bytes.c[bit / 8] &= quint8(~(0x80 >> (bit % 8)));
                QHostAddress network(bytes);
                network.setScopeId(ip.scopeId());
                s.cidr = QStringLiteral("%1/%2").arg(network.toString()).arg(prefix);
                s.hostCount = quint64(1) << (128 - prefix);
            } else {
                continue;
            }
            out.append(s);
        }
    }
    return out;
}

void InterfaceMenu::rebuild()
{
    m_menu->clear();
    const QList<InterfaceSubnet> list = subnets();
    if (list.isEmpty()) {
        m_menu->addAction(tr("No interface with a sweepable subnet"))->setEnabled(false);
        return;
    }
    const QLocale locale;
    for (const InterfaceSubnet &s : list) {
        QString label = tr("%1: %2/%3  →  %4").arg(s.interfaceName, s.address).arg(s.prefixLength).arg(s.cidr);
        if (s.hostCount > kSweepLimit)
            label += tr("  (too large for one sweep)");
        QAction *action = m_menu->addAction(label);
        action->setData(s.cidr);
        action->setToolTip(tr("%1 addresses").arg(locale.toString(s.hostCount)));
        const QString cidr = s.cidr;
        connect(action, &QAction::triggered, this, [this, cidr] { Q_EMIT subnetChosen(cidr); });
    }
}

} // namespace ps
