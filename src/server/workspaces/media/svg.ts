/**
 * SVG logos are documents, not pixels: they can carry scripts, event handlers, external references and
 * XML entity tricks. This module recognizes an SVG by its markup and keeps only a drawable, self-contained
 * subset (DOMPurify's SVG profile on a jsdom window, tightened by Attache's own rules).
 */
import createDOMPurify, { type DOMPurify, type WindowLike } from "dompurify";
import { JSDOM } from "jsdom";
import { AppError } from "@/server/errors";

const SVG_NS = "http://www.w3.org/2000/svg";

const refuse = (message: string) => new AppError("UNPROCESSABLE", message);

/**
 * The name of the first element after the XML prolog (BOM, whitespace, `<?xml …?>`, comments, a
 * doctype), or null when the text does not start like markup. Enough to tell an SVG from HTML or any
 * other text; sanitizeSvg parses the whole document before anything is kept.
 */
export function rootElementName(text: string): string | null {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text.charAt(at))) at++;
  };
  for (;;) {
    skipSpace();
    if (text.startsWith("<?", at)) {
      const end = text.indexOf("?>", at + 2);
      if (end < 0) return null;
      at = end + 2;
    } else if (text.startsWith("<!--", at)) {
      const end = text.indexOf("-->", at + 4);
      if (end < 0) return null;
      at = end + 3;
    } else if (/^<!doctype/i.test(text.slice(at, at + 9))) {
      const close = text.indexOf(">", at);
      const subset = text.indexOf("[", at);
      const end = subset >= 0 && (close < 0 || subset < close) ? text.indexOf("]", subset) : at;
      const finish = end < 0 ? -1 : text.indexOf(">", end);
      if (finish < 0) return null;
      at = finish + 1;
    } else {
      const name = /^<([A-Za-z_][\w.:-]*)[\s/>]/.exec(text.slice(at, at + 200));
      return name?.[1] ?? null;
    }
  }
}

/** The bytes as text when they are UTF-8 whose root element is `<svg>` (prefixed or not), else null. */
export function svgTextOf(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const name = rootElementName(text);
  return name && name.replace(/^.*:/, "") === "svg" ? text : null;
}

/**
 * Bounds on an SVG's markup, checked by a linear scan before jsdom sees it: jsdom's parser and DOMPurify
 * are synchronous and superlinear, and the server is one Node process, so the work they may do has to
 * be bounded up front. Chosen by measurement (see the commit that introduced them): the largest
 * document these admit sanitizes in roughly 100 ms on a small server, and real logos (tens to a few
 * hundred shapes) stay well inside them.
 */
export const SVG_MAX_ELEMENTS = 600;
export const SVG_MAX_DEPTH = 32;
export const SVG_MAX_ATTRIBUTES = 3_000;
/** `<use>` elements, and what they draw once every reference is expanded (the "billion laughs" of SVG). */
export const SVG_MAX_USES = 50;
export const SVG_MAX_DRAWN_ELEMENTS = 10_000;
/** Filter primitives (`<fe…>` elements), each of which can cost a full-canvas pass when drawn. */
export const SVG_MAX_FILTER_PRIMITIVES = 20;

export type TSvgMarkupCounts = {
  elements: number;
  depth: number;
  attributes: number;
  uses: number;
  filterPrimitives: number;
};

const isNameStart = (code: number) =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code > 127;
const isNameChar = (code: number) => isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;

/**
 * Start tags, deepest nesting, attributes, `<use>` and filter primitives in the markup, in one pass over
 * the text (comments and CDATA skipped, quoted attribute values honoured). An upper bound on what a
 * parser builds from it: anything this scan misreads is not well-formed and the parser refuses it.
 */
export function countSvgMarkup(text: string): TSvgMarkupCounts {
  const counts: TSvgMarkupCounts = { elements: 0, depth: 0, attributes: 0, uses: 0, filterPrimitives: 0 };
  let depth = 0;
  let at = text.indexOf("<");
  const skipPast = (terminator: string, from: number) => {
    const end = text.indexOf(terminator, from);
    return end < 0 ? text.length : end + terminator.length;
  };
  while (at >= 0 && at < text.length) {
    const next = text.charCodeAt(at + 1);
    if (text.startsWith("<!--", at)) at = skipPast("-->", at + 4);
    else if (text.startsWith("<![CDATA[", at)) at = skipPast("]]>", at + 9);
    else if (next === 33 /* ! */) at = skipPast(">", at + 2);
    else if (next === 63 /* ? */) at = skipPast("?>", at + 2);
    else if (next === 47 /* / */) {
      depth = Math.max(0, depth - 1);
      at = skipPast(">", at + 2);
    } else if (isNameStart(next)) {
      let end = at + 1;
      while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
      const name = text
        .slice(at + 1, end)
        .toLowerCase()
        .replace(/^.*:/, "");
      counts.elements++;
      if (name === "use") counts.uses++;
      if (name.startsWith("fe")) counts.filterPrimitives++;
      // The rest of the tag: `=` outside quotes starts an attribute; `/>` closes an empty element.
      let quote = 0;
      let selfClosing = false;
      for (; end < text.length; end++) {
        const code = text.charCodeAt(end);
        if (quote) {
          if (code === quote) quote = 0;
        } else if (code === 34 || code === 39) quote = code;
        else if (code === 61 /* = */) counts.attributes++;
        else if (code === 62 /* > */) {
          selfClosing = text.charCodeAt(end - 1) === 47;
          break;
        }
      }
      if (!selfClosing) {
        depth++;
        counts.depth = Math.max(counts.depth, depth);
      } else counts.depth = Math.max(counts.depth, depth + 1);
      at = end + 1;
    } else at++;
    at = text.indexOf("<", at);
  }
  return counts;
}

const formatCount = (value: number) => value.toLocaleString("en-US");

/** Refuses markup beyond the bounds above, naming the bound and what the file has. */
function checkMarkupBounds(text: string): void {
  const counts = countSvgMarkup(text);
  const bounds: [number, number, string][] = [
    [counts.elements, SVG_MAX_ELEMENTS, "An SVG can have at most {max} elements; this one has {count}."],
    [counts.depth, SVG_MAX_DEPTH, "An SVG can nest elements at most {max} deep; this one nests them {count} deep."],
    [counts.attributes, SVG_MAX_ATTRIBUTES, "An SVG can have at most {max} attributes; this one has {count}."],
    [counts.uses, SVG_MAX_USES, "An SVG can have at most {max} <use> elements; this one has {count}."],
    [
      counts.filterPrimitives,
      SVG_MAX_FILTER_PRIMITIVES,
      "An SVG can have at most {max} filter primitives (<fe…> elements); this one has {count}.",
    ],
  ];
  for (const [count, max, message] of bounds) {
    if (count > max) {
      throw refuse(message.replace("{max}", formatCount(max)).replace("{count}", formatCount(count)));
    }
  }
}

/**
 * How many elements the drawing expands to once every `<use>` draws (a copy of) its target, counted
 * without drawing; stops counting past `limit`. A reference cycle counts as unbounded.
 */
function drawnElementCount(root: Element, all: readonly Element[], limit: number): number {
  const byId = new Map<string, Element>();
  for (const element of all) {
    const id = element.getAttribute("id");
    if (id && !byId.has(id)) byId.set(id, element);
  }
  const memo = new Map<Element, number>();
  const visiting = new Set<Element>();
  const cost = (element: Element): number => {
    const known = memo.get(element);
    if (known !== undefined) return known;
    if (visiting.has(element)) return Number.POSITIVE_INFINITY;
    visiting.add(element);
    let total = 1;
    for (let child = element.firstElementChild; child && total <= limit; child = child.nextElementSibling) {
      total += cost(child);
    }
    if (element.localName === "use" && total <= limit) {
      const href = (element.getAttribute("href") ?? element.getAttribute("xlink:href") ?? "").trim();
      const target = byId.get(href.slice(1));
      if (target) total += cost(target);
    }
    visiting.delete(element);
    const bounded = Math.min(total, limit + 1);
    memo.set(element, bounded);
    return bounded;
  };
  return cost(root);
}

const ANIMATIONS = new Set(["animate", "set", "animatetransform", "animatemotion", "animatecolor"]);
const DRAWABLE = new Set(["path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "image", "use"]);
const FRAGMENT = /^#[^\s"'()<>\\]+$/;
const LOCAL_URL = /url\(\s*(["']?)#[^\s"'()<>\\]+\1\s*\)/gi;

const localName = (name: string) => name.toLowerCase().replace(/^.*:/, "");

/** Attache's own rules on top of DOMPurify's allowlist, applied during and again after sanitizing. */
function isUnsafeAttribute(name: string, value: string): boolean {
  const local = localName(name);
  if (local.startsWith("on")) return true;
  if (local === "base" && name.toLowerCase().startsWith("xml:")) return true;
  if (local === "href" || local === "src") return !FRAGMENT.test(value.trim());
  // Anything but a reference into this document (fill="url(#gradient)") would load from elsewhere.
  const rest = value.replace(LOCAL_URL, "");
  if (/url\s*\(|image-set\s*\(|@import|expression\s*\(|javascript\s*:|\\/i.test(rest)) return true;
  return false;
}

function isUnsafeAnimation(element: Element): boolean {
  const target = localName(element.getAttribute("attributeName") ?? "");
  if (target.startsWith("on") || target === "href" || target === "src" || target === "style") return true;
  return ["values", "from", "to", "by"].some((name) =>
    /javascript\s*:|url\s*\(/i.test(element.getAttribute(name) ?? ""),
  );
}

type TSanitizer = { purify: DOMPurify; window: JSDOM["window"] };
let sanitizer: TSanitizer | null = null;

function getSanitizer(): TSanitizer {
  if (sanitizer) return sanitizer;
  const window = new JSDOM("").window;
  const purify = createDOMPurify(window as unknown as WindowLike);
  purify.addHook("uponSanitizeAttribute", (_node, data) => {
    if (isUnsafeAttribute(data.attrName, data.attrValue)) {
      data.keepAttr = false;
      data.forceKeepAttr = false;
    }
  });
  sanitizer = { purify, window };
  return sanitizer;
}

/**
 * Every element under `root`, in document order. Walks siblings rather than `children` (jsdom's live
 * collections are slow and DOMPurify's detached tree defeats its selectors) and uses no recursion.
 */
function descendants(root: Element): Element[] {
  const found: Element[] = [];
  let node: Element | null = root.firstElementChild;
  while (node) {
    found.push(node);
    if (node.firstElementChild) {
      node = node.firstElementChild;
      continue;
    }
    while (node && node !== root && !node.nextElementSibling) node = node.parentElement;
    node = node && node !== root ? node.nextElementSibling : null;
  }
  return found;
}

/** Removes what the attribute hook cannot see: elements whose danger depends on their attributes. */
function pruneElements(root: Element): void {
  for (const element of descendants(root)) {
    if (!root.contains(element)) continue;
    const name = element.localName.toLowerCase();
    if (
      element.namespaceURI !== SVG_NS ||
      name === "script" ||
      name === "style" ||
      name === "foreignobject" ||
      (ANIMATIONS.has(name) && isUnsafeAnimation(element)) ||
      (name === "use" &&
        !FRAGMENT.test((element.getAttribute("href") ?? element.getAttribute("xlink:href") ?? "").trim()))
    ) {
      element.remove();
      continue;
    }
    for (const attribute of Array.from(element.attributes)) {
      if (isUnsafeAttribute(attribute.name, attribute.value)) element.removeAttributeNode(attribute);
    }
  }
  for (const attribute of Array.from(root.attributes)) {
    if (isUnsafeAttribute(attribute.name, attribute.value)) root.removeAttributeNode(attribute);
  }
}

/**
 * The SVG reduced to a safe, self-contained drawing (UTF-8 text of its `<svg>` root, nothing before
 * it). Throws AppError("UNPROCESSABLE") when the file must be refused outright or nothing drawable
 * is left.
 */
export function sanitizeSvg(text: string): string {
  const body = text.replace(/^\uFEFF/, "");
  // Entities are how XXE and "billion laughs" work; a logo never needs them.
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) {
    throw refuse(
      "This SVG declares a DOCTYPE or entities; Attache refuses those because they can read files on the server.",
    );
  }
  const withoutDeclaration = body.replace(/^\s*<\?xml\s[^?]*\?>/, "");
  if (withoutDeclaration.includes("<?")) {
    throw refuse("This SVG contains a processing instruction such as <?xml-stylesheet?>; Attache refuses those.");
  }

  checkMarkupBounds(withoutDeclaration);

  const { purify, window } = getSanitizer();
  const parsed = new window.DOMParser().parseFromString(withoutDeclaration, "image/svg+xml");
  const root = parsed.documentElement;
  if (root?.localName !== "svg") {
    throw refuse("This SVG could not be read: it is not well-formed XML with an <svg> root element.");
  }
  if (root.namespaceURI !== SVG_NS) {
    throw refuse(`This SVG's root element lacks xmlns="${SVG_NS}", so browsers would not draw it.`);
  }

  const source = new window.XMLSerializer().serializeToString(root);
  const cleaned = purify.sanitize(source, {
    USE_PROFILES: { svg: true, svgFilters: true },
    // The SVG-namespace route parses as XML in jsdom and, unlike PARSER_MEDIA_TYPE
    // "application/xhtml+xml", still matches camelCase names (viewBox, linearGradient) to the allowlist.
    NAMESPACE: SVG_NS,
    ADD_TAGS: ["use"],
    FORBID_TAGS: ["style", "foreignObject", "script"],
    RETURN_DOM: true,
  });
  const svg = Array.from(cleaned.childNodes).find(
    (node): node is Element => node.nodeType === window.Node.ELEMENT_NODE && (node as Element).localName === "svg",
  );
  if (!svg || svg.namespaceURI !== SVG_NS) {
    throw refuse("After removing unsafe content, nothing of this SVG is left to draw.");
  }
  pruneElements(svg);
  const kept = descendants(svg);
  if (!kept.some((element) => DRAWABLE.has(element.localName))) {
    throw refuse("After removing unsafe content, this SVG has nothing left to draw.");
  }
  // Nesting depth is bounded, so this recursion is too.
  const drawn = drawnElementCount(svg, kept, SVG_MAX_DRAWN_ELEMENTS);
  if (drawn > SVG_MAX_DRAWN_ELEMENTS) {
    throw refuse(
      `An SVG's <use> references can draw at most ${formatCount(SVG_MAX_DRAWN_ELEMENTS)} elements in all; this one draws more.`,
    );
  }
  return new window.XMLSerializer().serializeToString(svg);
}

const LENGTH = /^\s*(\d*\.?\d+(?:e[+-]?\d+)?)\s*(px)?\s*$/i;

function parseLength(value: string | null): number | null {
  const match = value ? LENGTH.exec(value) : null;
  const number = match ? Number(match[1]) : Number.NaN;
  return Number.isFinite(number) && number > 0 ? number : null;
}

/**
 * The size a sanitized SVG declares, in px: width/height (px or unitless), the missing one derived from
 * the viewBox's proportions, or the viewBox alone. Null when it declares no usable size (then librsvg decides).
 */
export function svgDeclaredSize(svgText: string): { width: number; height: number } | null {
  const { window } = getSanitizer();
  const root = new window.DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
  if (!root) return null;
  const width = parseLength(root.getAttribute("width"));
  const height = parseLength(root.getAttribute("height"));
  const box = (root.getAttribute("viewBox") ?? "")
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [boxWidth, boxHeight] = box.length === 4 && box.every(Number.isFinite) ? [box[2] ?? 0, box[3] ?? 0] : [0, 0];
  const hasBox = boxWidth > 0 && boxHeight > 0;
  const round = (value: number) => Math.max(1, Math.round(value));
  if (width && height) return { width: round(width), height: round(height) };
  if (width && hasBox) return { width: round(width), height: round((width * boxHeight) / boxWidth) };
  if (height && hasBox) return { width: round((height * boxWidth) / boxHeight), height: round(height) };
  if (hasBox && root.getAttribute("width") === null && root.getAttribute("height") === null) {
    return { width: round(boxWidth), height: round(boxHeight) };
  }
  return null;
}
