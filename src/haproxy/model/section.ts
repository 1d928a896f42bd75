// A section of the configuration as HAProxy reads it: its header, the lines HAProxy may read
// below it (lines of `.if` branches never taken are left out), and where new lines go.
import type { HaproxyFile, HaproxyLine, HaproxySectionHeader, HaproxySectionKeyword } from "../ast.js";
import { textLayout } from "../../engine/text-layout.js";
import type { SectionAnnotation } from "./comments.js";
import type { Reach } from "./conditional.js";
import { describeWhere, type PlacedStatement } from "./placed.js";

/** Where to insert a new statement at the end of a section, as a whole line. */
export interface SectionInsertionPoint {
  /** The path of the file to edit. */
  file: string;
  /** Offset to insert at: the start of the line after the section's last statement. */
  offset: number;
  /** Indentation for the inserted line, as the section's statements are indented. */
  indent: string;
  /** The line ending to end the inserted line with. */
  eol: string;
  /**
   * The last line has no line ending (end of file): the inserted text must start with `eol`.
   * `insertionText` takes care of it.
   */
  needsLeadingEol: boolean;
}

/** The text to insert at `point` for new statements, one per line. */
export function insertionText(point: SectionInsertionPoint, statements: readonly string[]): string {
  const lines = statements.map((statement) => point.indent + statement);
  return point.needsLeadingEol ? point.eol + lines.join(point.eol) : lines.map((line) => line + point.eol).join("");
}

export class SectionModel {
  readonly keyword: HaproxySectionKeyword;
  /** Null for `global` and other unnamed sections; "" is never used. */
  readonly name: string | null;
  /** The lines HAProxy may read below the header, in order. */
  readonly lines: HaproxyLine[] = [];
  readonly statements: PlacedStatement[] = [];
  /** `# wslint:` comments above the header, on it, or anywhere in the section (see build.ts). */
  readonly annotations: SectionAnnotation[] = [];

  constructor(
    readonly header: HaproxySectionHeader,
    readonly file: HaproxyFile,
    /** "maybe" when the header is in an `.if` branch the model cannot decide. */
    readonly reach: Exclude<Reach, "never">,
  ) {
    this.keyword = header.keyword;
    this.name = header.name?.value ?? null;
  }

  /** `backend 'be_ws'`, `defaults 'web'`, `the unnamed defaults section`, `global section`. */
  label(): string {
    if (this.name !== null) return `${this.keyword} '${this.name}'`;
    return this.keyword === "defaults" ? "the unnamed defaults section" : `${this.keyword} section`;
  }

  /** `backend 'be_ws' at haproxy.cfg:30`. */
  describe(): string {
    return `${this.label()} at ${describeWhere({ node: this.header, file: this.file })}`;
  }

  /** The section's own statements of a keyword, in order: `own("timeout tunnel")`. */
  own(keyword: string): PlacedStatement[] {
    return this.statements.filter((statement) => statement.keyword === keyword);
  }

  /**
   * Where a new statement goes: after the last statement or directive of the section (so after
   * an `.endif` that closes a block of it, not inside the block), indented like its statements.
   * Comments after the last statement stay below the new line: they usually introduce the next
   * section.
   */
  insertionPoint(): SectionInsertionPoint {
    const text = this.file.source.text;
    const last = this.lines.findLast((line) => line.type === "statement" || line.type === "directive") ?? this.header;
    const sample = this.statements.at(-1)?.node;
    const indent = sample?.words[0]?.leading ?? (this.header.words[0]?.leading ?? "") + textLayout(text).unit;
    const eol = last.eol === "" ? textLayout(text).eol : last.eol;
    return {
      file: this.file.source.path,
      offset: last.end.offset + last.eol.length,
      indent,
      eol,
      needsLeadingEol: last.eol === "",
    };
  }
}
