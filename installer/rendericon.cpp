// ps-render-icon: renders the scalable app icon to the PNG sizes of the hicolor icon theme at
// build time, so the PNGs never drift from resources/icons/pingsweep.svg. Uses Qt's SVG image
// plugin (libqt6svg6); a QCoreApplication is enough (no display, no platform plugin).
//
//   ps-render-icon ICON.svg OUTDIR NAME SIZE...   writes OUTDIR/<SIZE>x<SIZE>/apps/NAME.png
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QImageReader>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);

    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 5) {
        err << "usage: ps-render-icon ICON.svg OUTDIR NAME SIZE...\n";
        return 2;
    }
    const QString source = args.at(1);
    const QDir outDir(args.at(2));
    const QString name = args.at(3);

    for (const QString &sizeText : args.mid(4)) {
        bool ok = false;
        const int size = sizeText.toInt(&ok);
        if (!ok || size <= 0) {
            err << "ps-render-icon: bad size '" << sizeText << "'\n";
            return 2;
        }
        QImageReader reader(source);
        reader.setScaledSize(QSize(size, size));
        const QImage image = reader.read().convertToFormat(QImage::Format_ARGB32);
        if (image.isNull()) {
            err << "ps-render-icon: cannot render " << source << ": " << reader.errorString()
                << " (is the Qt SVG image plugin, libqt6svg6, installed?)\n";
            return 1;
        }
        const QString subDir = QStringLiteral("%1x%1/apps").arg(size);
        const QString target = outDir.filePath(subDir + QLatin1Char('/') + name + QStringLiteral(".png"));
        if (!outDir.mkpath(subDir) || !image.save(target, "PNG")) {
            err << "ps-render-icon: cannot write " << target << "\n";
            return 1;
        }
    }
    return 0;
}
