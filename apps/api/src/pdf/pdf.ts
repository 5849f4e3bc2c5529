/**
 * A tiny PDF 1.4 writer for printable text documents (the relapse-prevention plan): lines of text in
 * Helvetica, wrapped to the page width, onto as many A4 pages as they need. No library: the output
 * is plain ASCII (other characters are written as WinAnsi octal escapes), with a correct xref table.
 */

/** One line of the document; headings are set in bold and a little larger. */
export interface PdfLine {
  text: string;
  heading?: boolean;
}

const pageWidth = 595;
const pageHeight = 842;
const margin = 56;
const bodySize = 11;
const headingSize = 13;
const leading = 1.35;

// Helvetica advance widths (per 1000 em) for the printable ASCII characters 32..126.
// biome-ignore format: a table reads better in rows
const helveticaWidths = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

// Characters WinAnsiEncoding places in 0x80..0x9F; Latin-1 covers 0xA0..0xFF one to one.
const winAnsiExtras: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  ƒ: 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  ˆ: 0x88,
  "‰": 0x89,
  Š: 0x8a,
  "‹": 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  š: 0x9a,
  "›": 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** The WinAnsi code of a character, or "?" (63) when the standard fonts cannot show it. */
function winAnsiCode(char: string): number {
  const code = char.codePointAt(0) ?? 63;
  if (code >= 32 && code <= 126) return code;
  if (code >= 0xa0 && code <= 0xff) return code;
  if (char === "\t") return 32;
  return winAnsiExtras[char] ?? 63;
}

/** Width of text in points (bold is a little wider; 5 % covers Helvetica-Bold's wider letters). */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const char of text) {
    const code = winAnsiCode(char);
    units += code <= 126 ? (helveticaWidths[code - 32] ?? 556) : 556;
  }
  return (units * size * (bold ? 1.05 : 1)) / 1000;
}

/** Escapes text for a PDF literal string: \ ( ) escaped, anything outside ASCII as \ddd octal. */
export function pdfString(text: string): string {
  let out = "(";
  for (const char of text) {
    const code = winAnsiCode(char);
    if (char === "\\" || char === "(" || char === ")") out += `\\${char}`;
    else if (code < 127) out += String.fromCharCode(code);
    else out += `\\${code.toString(8).padStart(3, "0")}`;
  }
  return `${out})`;
}

/** Breaks a line into pieces that fit `width`, at spaces where it can, mid-word when it must. */
export function wrap(text: string, width: number, size: number, bold = false): string[] {
  const clean = text.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f]/g, "");
  if (clean.trim() === "") return [""];
  const lines: string[] = [];
  let current = "";
  for (const word of clean.split(/ +/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, size, bold) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    // A word longer than the line is cut into pieces that fit.
    let rest = word;
    while (textWidth(rest, size, bold) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && textWidth(rest.slice(0, cut), size, bold) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current) lines.push(current);
  return lines;
}

/** Builds a PDF document of the given lines, with a title in the document information. */
export function renderPdf(title: string, lines: readonly PdfLine[]): Buffer {
  const usable = pageWidth - 2 * margin;
  // Lay the lines out on pages: each page is a list of [font, size, y, text].
  const pages: string[][] = [[]];
  let y = pageHeight - margin;
  for (const line of lines) {
    const size = line.heading ? headingSize : bodySize;
    const step = size * leading;
    for (const piece of wrap(line.text, usable, size, line.heading)) {
      if (y - step < margin) {
        pages.push([]);
        y = pageHeight - margin;
      }
      y -= step;
      if (piece !== "") {
        const font = line.heading ? "F2" : "F1";
        pages[pages.length - 1]?.push(
          `BT /${font} ${size} Tf ${margin} ${y.toFixed(2)} Td ${pdfString(piece)} Tj ET`,
        );
      }
    }
  }

  // Objects: 1 catalog, 2 pages, 3 and 4 fonts, 5 info, then a page and its content per page.
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  objects[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>";
  objects[5] = `<< /Title ${pdfString(title)} /Producer (Lantern) >>`;
  pages.forEach((commands, i) => {
    const pageId = 6 + i * 2;
    const stream = commands.join("\n");
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  });

  // Everything above is ASCII, so string lengths are byte offsets.
  let body = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, "latin1");
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
