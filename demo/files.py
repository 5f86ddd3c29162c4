"""Small real files for the demo, made on the spot: PDF, OpenDocument text and CSV.

No dependency: a PDF with one standard font is a few hand-written objects, and an ODT is a zip
of three XML files.
"""

import csv
import io
import textwrap
import zipfile
from xml.sax.saxutils import escape

PAGE_LINES = 46


def _pdf_text(text):
    encoded = text.encode("cp1252", errors="replace").decode("latin-1")
    return encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(title, paragraphs):
    """An A4 PDF: the title in bold, then the paragraphs wrapped at 90 characters."""
    lines = [("F2", 16, title), ("F1", 11, "")]
    for paragraph in paragraphs:
        bullet = paragraph.startswith("- ")
        text = paragraph[2:] if bullet else paragraph
        wrapped = textwrap.wrap(text, 86 if bullet else 90) or [""]
        for number, line in enumerate(wrapped):
            prefix = ("• " if number == 0 else "  ") if bullet else ""
            lines.append(("F1", 11, prefix + line))
        lines.append(("F1", 11, ""))
    pages = [lines[start : start + PAGE_LINES] for start in range(0, len(lines), PAGE_LINES)]

    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    page_tree = add(None)
    regular = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    page_ids = []
    for page_lines in pages:
        commands = ["BT", "56 790 Td"]
        for font, size, text in page_lines:
            commands.append(f"/{font} {size} Tf ({_pdf_text(text)}) Tj 0 -{size + 5} Td")
        commands.append("ET")
        stream = "\n".join(commands).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                (
                    f"<< /Type /Page /Parent {page_tree} 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> "
                    f"/Contents {content} 0 R >>"
                ).encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {page_tree} 0 R >>".encode()
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids)
    objects[page_tree - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()

    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, xref)
    )
    return output.getvalue()


ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" \
manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:body>
  <office:text>
{body}
  </office:text>
 </office:body>
</office:document-content>
"""


def make_odt(title, paragraphs):
    """An OpenDocument text: a title, then paragraphs; "## " starts a heading, "- " a bullet,
    "____" lines leave room to write."""
    body = [f'   <text:h text:outline-level="1">{escape(title)}</text:h>']
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            body.append(f'   <text:h text:outline-level="2">{escape(paragraph[3:])}</text:h>')
        elif paragraph.startswith("- "):
            body.append(f"   <text:p>• {escape(paragraph[2:])}</text:p>")
        else:
            body.append(f"   <text:p>{escape(paragraph)}</text:p>")
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )  # first and stored uncompressed, as the format requires
        archive.writestr("META-INF/manifest.xml", ODT_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr(
            "content.xml", ODT_CONTENT.format(body="\n".join(body)), zipfile.ZIP_DEFLATED
        )
    return output.getvalue()


def make_csv(rows):
    """A CSV spreadsheet as French spreadsheet programs expect it: UTF-8 with BOM, semicolons."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + output.getvalue()).encode("utf-8")


MAKERS = {"pdf": make_pdf, "odt": make_odt}
