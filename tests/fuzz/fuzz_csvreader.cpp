// libFuzzer target for CsvReader, the one export component that parses untrusted input (files
// a user opens, possibly written by someone else).
//
// Checks, beyond "no crash, no sanitizer report":
// - a rejection always comes with a message;
// - whatever the reader accepts, the writer writes and the reader accepts again, and that
//   second write is byte-identical (write∘read is a fixed point after one cycle: the first
//   cycle may normalise, e.g. RTTs to three decimals or LF line ends to CRLF).
//
// Not in CMake (fuzz builds are wired separately). Build by hand, e.g.:
//   clang++-14 -std=c++17 -g -O1 -fsanitize=fuzzer,address -fPIC \
//     -DQT_NO_KEYWORDS -DQT_NO_CAST_FROM_ASCII -DQT_USE_QSTRINGBUILDER \
//     -Isrc/export -Isrc/ping tests/fuzz/fuzz_csvreader.cpp src/export/*.cpp src/ping/hostresult.cpp \
//     $(pkg-config --cflags --libs Qt6Core) -o fuzz_csvreader
//   ./fuzz_csvreader -dict=tests/fuzz/csvreader.dict tests/fuzz/corpus/csvreader
#include "csvreader.h"
#include "csvwriter.h"

#include <QBuffer>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

QByteArray writeCsv(const std::vector<ps::HostResult> &results, const ps::CsvOptions &options)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ps::CsvWriter writer(options);
    if (!writer.write(&buffer, results)) {
        std::fprintf(stderr, "write failed: %s\n", qPrintable(writer.errorString()));
        std::abort();
    }
    return buffer.data();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    ps::CsvReader reader;
    std::vector<ps::HostResult> results;
    if (!reader.parse(input, &results)) {
        if (reader.errorString().isEmpty())
            std::abort();
        return 0;
    }

    const ps::CsvOptions options = reader.detectedOptions();
    const QByteArray first = writeCsv(results, options);
    std::vector<ps::HostResult> again;
    if (!reader.parse(first, &again)) {
        std::fprintf(stderr, "re-read of our own output failed: %s\n", qPrintable(reader.errorString()));
        std::abort();
    }
    if (writeCsv(again, options) != first) {
        std::fprintf(stderr, "second write differs from the first\n");
        std::abort();
    }
    return 0;
}
