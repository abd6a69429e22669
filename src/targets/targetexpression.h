#pragma once

#include "targetset.h"

#include <QStringView>

#include <vector>

namespace ps {

// One token of target syntax, parsed: what it adds or removes, or why it is not a target.
//   address      10.0.0.1   2001:db8::1   fe80::1%eth0
//   range        10.0.0.1-10.0.0.50 (either order)   10.0.0.1-50   10.0.1-3.1-254 (nmap octets)
//                2001:db8::1-2001:db8::ff
//   CIDR block   10.0.0.0/24 (/0-/30 without network and broadcast, as fping -g)   2001:db8::/64
//   host name    db1.example.org   router
//   exclusion    any of the above after '!'; an excluded CIDR block is the whole block
struct TargetExpression
{
    enum class Kind { Invalid, Address, Range, Cidr, Hostname };

    Kind kind = Kind::Invalid;
    bool exclude = false;
    std::vector<AddressRange> ranges;  // several only for nmap octet ranges such as 10.0.1-3.1
    QString hostname;                  // lower-cased
    QString error;                     // when Invalid; follows the quoted token in messages

    bool isValid() const { return kind != Kind::Invalid; }
    bool isAddressLike() const { return kind == Kind::Address || kind == Kind::Range || kind == Kind::Cidr; }
    void applyTo(TargetSet *set) const;

    // What an IPv4 CIDR block stands for: the hosts to probe, or (in exclusion lists) every
    // address in it.
    enum class CidrHosts { Usable, WholeBlock };

    static TargetExpression parse(QStringView token, CidrHosts cidrHosts = CidrHosts::Usable);

    // An nmap octet expression becomes one range per combination of its leading octets; past
    // this many it must be written as CIDR blocks instead (0-255.0-255.0-255.1-254 would be
    // sixteen million runs).
    static constexpr quint64 kMaxOctetRuns = 65536;
};

} // namespace ps
