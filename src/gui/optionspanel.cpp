#include "optionspanel.h"

#include "prober.h"
#include "tcpports.h"
#include "ui_optionspanel.h"

#include <QRegularExpression>
#include <QRegularExpressionValidator>

namespace ps {

namespace {

// The method combo lists the methods in this order.
constexpr ProbeMethod kMethods[] = {ProbeMethod::Auto, ProbeMethod::Icmp, ProbeMethod::SystemPing, ProbeMethod::Tcp};

int methodIndex(ProbeMethod method)
{
    for (int i = 0; i < 4; ++i) {
        if (kMethods[i] == method)
            return i;
    }
    return 0;
}

} // namespace

OptionsPanel::OptionsPanel(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::OptionsPanel>())
{
    m_ui->setupUi(this);
    // Digits, commas and spaces only; the range of each port is checked in parseTcpPorts().
    m_ui->portsEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9, ]*")), m_ui->portsEdit));
    connect(m_ui->methodCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        Q_EMIT methodChanged();
    });
    connect(m_ui->portsEdit, &QLineEdit::textChanged, this, &OptionsPanel::methodChanged);
    connect(m_ui->countSpin, &QSpinBox::valueChanged, this, &OptionsPanel::updateEnabled);
    updateEnabled();
}

OptionsPanel::~OptionsPanel() = default;

void OptionsPanel::updateEnabled()
{
    const bool tcp = kMethods[std::max(0, m_ui->methodCombo->currentIndex())] == ProbeMethod::Tcp;
    m_ui->portsEdit->setEnabled(tcp);
    m_ui->portsLabel->setEnabled(tcp);
    // The interval only separates probes to one host: with one probe it means nothing.
    const bool several = m_ui->countSpin->value() > 1;
    m_ui->intervalSpin->setEnabled(several);
    m_ui->intervalLabel->setEnabled(several);
}

SweepOptions OptionsPanel::options() const
{
    SweepOptions o;
    o.mode = m_ui->modeCombo->currentIndex() == 1 ? ExecutorMode::Process : ExecutorMode::Thread;
    if (m_ui->workersSpin->value() > 0)
        o.workers = m_ui->workersSpin->value();
    o.probe.timeoutMs = m_ui->timeoutSpin->value();
    o.probe.count = m_ui->countSpin->value();
    o.probe.intervalMs = m_ui->intervalSpin->value();
    o.probe.method = kMethods[std::max(0, m_ui->methodCombo->currentIndex())];
    QList<quint16> ports;
    if (parseTcpPorts(m_ui->portsEdit->text(), &ports))
        o.probe.tcpPorts = ports;
    o.ratePerSecond = m_ui->rateSpin->value();
    o.reverseDns = m_ui->reverseDnsCheck->isChecked();
    return o;
}

void OptionsPanel::setOptions(const SweepOptions &o)
{
    m_ui->modeCombo->setCurrentIndex(o.mode == ExecutorMode::Process ? 1 : 0);
    m_ui->workersSpin->setValue(o.workers.value_or(0));
    m_ui->timeoutSpin->setValue(o.probe.timeoutMs);
    m_ui->countSpin->setValue(o.probe.count);
    m_ui->intervalSpin->setValue(o.probe.intervalMs);
    m_ui->methodCombo->setCurrentIndex(methodIndex(o.probe.method));
    m_ui->portsEdit->setText(formatTcpPorts(o.probe.tcpPorts));
    m_ui->rateSpin->setValue(o.ratePerSecond);
    m_ui->reverseDnsCheck->setChecked(o.reverseDns);
    updateEnabled();
}

bool OptionsPanel::validate(QString *error) const
{
    QList<quint16> ports;
    if (kMethods[std::max(0, m_ui->methodCombo->currentIndex())] == ProbeMethod::Tcp
        && !parseTcpPorts(m_ui->portsEdit->text(), &ports)) {
        *error = tr("The TCP ports must be numbers from 1 to 65535, separated by commas or spaces.");
        return false;
    }
    return true;
}

QList<QWidget *> OptionsPanel::tabOrder() const
{
    return {m_ui->modeCombo, m_ui->workersSpin, m_ui->methodCombo, m_ui->portsEdit, m_ui->reverseDnsCheck,
            m_ui->timeoutSpin, m_ui->countSpin, m_ui->intervalSpin, m_ui->rateSpin};
}

QString OptionsPanel::methodSummary(QString *details) const
{
    const SweepOptions o = options();
    switch (o.probe.method) {
    case ProbeMethod::Auto: {
        QString reason;
        Prober::resolveAuto(&reason);
        *details = tr("auto picked %1.\nIn Processes mode each worker decides for itself (pingsweep-worker may "
                      "hold CAP_NET_RAW); the Method column shows what ran.")
                       .arg(reason);
        // The reason's parenthesis explains the privilege: the tooltip has room for it.
        return tr("Method: auto → %1").arg(reason.section(QStringLiteral(" ("), 0, 0));
    }
    case ProbeMethod::Icmp:
        *details = tr("ICMP echo from a raw or datagram socket.");
        return tr("Method: ICMP");
    case ProbeMethod::SystemPing:
        *details = tr("The system ping command, once per host.");
        return tr("Method: system ping");
    case ProbeMethod::Tcp:
        *details = tr("A host is alive when a port accepts or refuses a connection.");
        return tr("Method: TCP %1").arg(formatTcpPorts(o.probe.tcpPorts));
    }
    return QString();
}

} // namespace ps
