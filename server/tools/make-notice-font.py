#!/usr/bin/python3
"""Builds server/src/main/resources/fonts/NotoSansSC-Notice.ttf, the font embedded in survey notices.

Source: Debian's fonts-noto-cjk (NotoSansCJK-Regular.ttc, SIL OFL 1.1), face "Noto Sans CJK SC".
PDFBox can subset only TrueType (glyf) outlines, so the CFF outlines are converted to quadratic curves,
and the glyph set is cut to what a notice needs, to keep the committed file small:
ASCII, Latin-1, general punctuation, CJK symbols, full-width forms and all GBK hanzi (for rare
characters in estate and building names). Needs Debian: apt-get install fonts-noto-cjk python3-fonttools; run with /usr/bin/python3
"""
import sys
from fontTools.ttLib import TTCollection, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools import subset

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
TARGET = sys.argv[1] if len(sys.argv) > 1 else "server/src/main/resources/fonts/NotoSansSC-Notice.ttf"
MAX_ERR = 1.0  # font units (of 1000): conversion error far below print resolution


def wanted_code_points():
    points = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    points |= set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    for cp in range(0x4E00, 0xA000):
        try:
            chr(cp).encode("gbk")
            points.add(cp)
        except UnicodeEncodeError:
            pass
    return points


def cff_to_glyf(font):
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = newTable("maxp")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: smaller, and PDFBox does not need them
    font.sfntVersion = "\x00\x01\x00\x00"


def main():
    collection = TTCollection(SOURCE)
    face = next(f for f in collection.fonts if f["name"].getDebugName(4) == "Noto Sans CJK SC")
    options = subset.Options()
    options.layout_features = ["kern", "vert", "vrt2"]
    options.name_IDs = ["*"]
    options.hinting = False
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_code_points())
    subsetter.subset(face)
    cff_to_glyf(face)
    face.recalcTimestamp = False  # keep the source's date, so the same input gives the same bytes
    face.save(TARGET)


if __name__ == "__main__":
    main()
