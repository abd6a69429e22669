// libFuzzer target for src/targets: file import (decoding, line rules, literal scanning), typed
// parsing and TargetSet arithmetic. Not part of the CMake build; build it with clang:
//
//   clang++-14 -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fPIC \
//       -DQT_NO_CAST_FROM_ASCII -DQT_NO_KEYWORDS -DQT_USE_QSTRINGBUILDER \
//       $(pkg-config --cflags Qt6Core Qt6Network) -Isrc/targets \
//       tests/fuzz/fuzz_targets.cpp src/targets/*.cpp \
//       $(pkg-config --libs Qt6Core Qt6Network) -o fuzz_targets
//   ./fuzz_targets -max_total_time=60 -max_len=4096 tests/fuzz/corpus/targets
//
// Besides crashes and sanitizer reports it checks the set's promises: the cursor yields no
// target twice, every target it yields is contained, size() is exact when the walk ends, and
// the text of every target parses back to the same target.
#include "targetfilereader.h"
#include "targetparser.h"

#include <QBuffer>
#include <QSet>

#include <cstdio>
#include <cstdlib>

using namespace ps;

namespace {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "broken promise: %s\n", what);
        std::abort();
    }
}

constexpr quint64 kWalkLimit = 1000;
constexpr quint64 kRoundTripLimit = 200;

void checkSet(const TargetSet &set)
{
    QSet<QString> seen;
    QStringList texts;
    TargetSet::Cursor cursor = set.cursor();
    Target t;
    quint64 walked = 0;
    while (walked < kWalkLimit && cursor.next(&t)) {
        check(!seen.contains(t.text), "cursor yields a target twice");
        check(set.contains(t), "cursor yields a target the set does not contain");
        seen.insert(t.text);
        texts.append(t.text);
        ++walked;
    }
    if (walked < kWalkLimit) {
        check(set.isSizeExact() && set.size() == walked, "size() differs from what the cursor yields");
        check(set.isEmpty() == (walked == 0), "isEmpty() differs from the cursor");
    } else {
        check(set.size() >= kWalkLimit, "size() smaller than what the cursor yields");
    }
    if (walked < kRoundTripLimit) {
        // Canonical text parses back to the same targets, in the same order.
        const TargetParseResult again = TargetParser::parseTyped(texts.join(u'\n'));
        check(again.ok(), "a target's own text does not parse");
        check(again.targets.size() == walked, "re-parsed targets differ in number");
        int i = 0;
        TargetSet::Cursor replay = again.targets.cursor();
        while (replay.next(&t))
            check(t.text == texts.at(i++), "re-parsed targets differ");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    TargetFileReader reader(QStringLiteral("fuzz"));
    check(reader.read(&buffer), "reading a buffer failed");
    const TargetParseResult &file = reader.result();
    check(file.issueCount >= file.issues.size() && file.skippedLineCount >= file.skippedLines.size(),
          "report counts smaller than the reports kept");
    checkSet(file.targets);

    const QString text = TargetFileReader::decode(bytes);
    const TargetParseResult typed = TargetParser::parseTyped(text);
    checkSet(typed.targets);
    const TargetParseResult exclusions = TargetParser::parseExclusions(text);

    TargetSet merged;
    merged.merge(file.targets);
    merged.merge(typed.targets);
    merged.exclude(exclusions.targets);
    checkSet(merged);
    return 0;
}
