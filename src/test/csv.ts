/**
 * A minimal RFC 4180 reader (quoted fields with doubled quotes and line breaks inside), to show that
 * what Attache writes reads back as the same fields. What is left after the last CRLF is returned as
 * `rest` (empty for a well-formed file).
 */
export function parseCsv(text: string): { rows: string[][]; rest: string } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index++;
    } else field += character;
  }
  return { rows, rest: field };
}
