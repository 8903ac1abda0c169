/**
 * Workspace and media constants and pure rules shared by the console (preview, checks, contrast) and
 * the server (import). No I/O and no zod, so the browser can import it without loading either.
 */

export const WORKSPACE_MEDIA_TYPES = [
  "IMAGE_LOGO_LIGHT_FAVICON",
  "IMAGE_LOGO_DARK_FAVICON",
  "IMAGE_LOGO_LIGHT_HORIZONTAL",
  "IMAGE_LOGO_DARK_HORIZONTAL",
] as const;
export type TWorkspaceMediaType = (typeof WORKSPACE_MEDIA_TYPES)[number];

export const WORKSPACE_VISIBILITIES = ["ALL", "ASSIGNED", "NONE"] as const;
export type TWorkspaceVisibility = (typeof WORKSPACE_VISIBILITIES)[number];

export const VISIBILITY_LABELS: Record<TWorkspaceVisibility, string> = {
  ALL: "All users",
  ASSIGNED: "Assigned users only",
  NONE: "Hidden",
};

/** The model's FontFamily enum. */
export const FONT_FAMILIES = ["Arial", "Courier New", "Georgia", "Times New Roman", "Trebuchet", "Verdana"] as const;
export type TFontFamily = (typeof FONT_FAMILIES)[number];

export type TMediaSlot = { mode: "light" | "dark"; kind: "favicon" | "horizontal" };

export function mediaSlot(type: TWorkspaceMediaType): TMediaSlot {
  return {
    mode: type.includes("_DARK_") ? "dark" : "light",
    kind: type.endsWith("_FAVICON") ? "favicon" : "horizontal",
  };
}

export const MEDIA_TYPE_LABELS: Record<TWorkspaceMediaType, string> = {
  IMAGE_LOGO_LIGHT_FAVICON: "Light favicon",
  IMAGE_LOGO_DARK_FAVICON: "Dark favicon",
  IMAGE_LOGO_LIGHT_HORIZONTAL: "Light horizontal logo",
  IMAGE_LOGO_DARK_HORIZONTAL: "Dark horizontal logo",
};

/** The most bytes an image may have once decoded from base64 or fetched (400 kB, the model's MediaSource bound). */
export const MEDIA_MAX_BYTES = 400_000;
/** The model's MediaSource: 1..533,333 characters (400 kB as base64). */
export const MEDIA_SOURCE_MAX_LENGTH = 533_333;

export const FAVICON_MIN_PX = 16;
export const FAVICON_MAX_PX = 512;
export const LOGO_MIN_HEIGHT_PX = 24;
/** Attache's own bounds for a horizontal logo: a header never shows more. */
export const LOGO_MAX_WIDTH_PX = 4096;
export const LOGO_MAX_HEIGHT_PX = 1024;
/**
 * Decompression-bomb guard: an image whose header declares more pixels than this is refused before
 * any decoding (a 400 kB PNG can claim 100,000 × 100,000 px).
 */
export const MEDIA_MAX_PIXELS = LOGO_MAX_WIDTH_PX * LOGO_MAX_HEIGHT_PX;

export const MEDIA_FORMATS = ["png", "jpeg", "gif", "webp", "ico", "svg"] as const;
export type TMediaFormat = (typeof MEDIA_FORMATS)[number];

export const MEDIA_MIME: Record<TMediaFormat, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  ico: "image/x-icon",
  svg: "image/svg+xml",
};

export const MEDIA_EXTENSION: Record<TMediaFormat, string> = {
  png: "png",
  jpeg: "jpg",
  gif: "gif",
  webp: "webp",
  ico: "ico",
  svg: "svg",
};

/** One rule an image was checked against, as the console lists them before import. */
export type TMediaCheck = { rule: "format" | "size" | "dimensions" | "shape"; ok: boolean; message: string };

/**
 * The per-slot rules on a measured image. Every failed rule names itself and the measured value
 * ("A favicon must be square; this one is 64×32 px.").
 */
export function slotChecks(
  type: TWorkspaceMediaType,
  image: { width: number; height: number; bytes: number },
): TMediaCheck[] {
  const { width, height, bytes } = image;
  const size = `${width}×${height} px`;
  const checks: TMediaCheck[] = [
    bytes <= MEDIA_MAX_BYTES
      ? { rule: "size", ok: true, message: `${formatKb(bytes)}, within the ${formatKb(MEDIA_MAX_BYTES)} limit.` }
      : {
          rule: "size",
          ok: false,
          message: `An image can be at most ${formatKb(MEDIA_MAX_BYTES)}; this one is ${formatKb(bytes)}.`,
        },
  ];
  if (mediaSlot(type).kind === "favicon") {
    checks.push(
      width === height
        ? { rule: "shape", ok: true, message: `Square (${size}).` }
        : { rule: "shape", ok: false, message: `A favicon must be square; this one is ${size}.` },
    );
    const side = Math.max(width, height);
    const small = Math.min(width, height);
    checks.push(
      small >= FAVICON_MIN_PX && side <= FAVICON_MAX_PX
        ? {
            rule: "dimensions",
            ok: true,
            message: `Between ${FAVICON_MIN_PX} and ${FAVICON_MAX_PX} px (${size}).`,
          }
        : {
            rule: "dimensions",
            ok: false,
            message: `A favicon must be ${FAVICON_MIN_PX} to ${FAVICON_MAX_PX} px on each side; this one is ${size}.`,
          },
    );
  } else {
    checks.push(
      width > height
        ? { rule: "shape", ok: true, message: `Wider than tall (${size}).` }
        : { rule: "shape", ok: false, message: `A horizontal logo must be wider than tall; this one is ${size}.` },
    );
    checks.push(
      height >= LOGO_MIN_HEIGHT_PX && width <= LOGO_MAX_WIDTH_PX && height <= LOGO_MAX_HEIGHT_PX
        ? { rule: "dimensions", ok: true, message: `At least ${LOGO_MIN_HEIGHT_PX} px high (${size}).` }
        : height < LOGO_MIN_HEIGHT_PX
          ? {
              rule: "dimensions",
              ok: false,
              message: `A horizontal logo must be at least ${LOGO_MIN_HEIGHT_PX} px high; this one is ${size}.`,
            }
          : {
              rule: "dimensions",
              ok: false,
              message: `A horizontal logo can be at most ${LOGO_MAX_WIDTH_PX}×${LOGO_MAX_HEIGHT_PX} px; this one is ${size}.`,
            },
    );
  }
  return checks;
}

function formatKb(bytes: number): string {
  return `${Math.round(bytes / 100) / 10} kB`;
}

/** The content-hash path a stored image is served at (immutable: a new image gets a new URL). */
export function mediaPath(contentHash: string, format: TMediaFormat): string {
  return `/media/${contentHash}.${MEDIA_EXTENSION[format]}`;
}

/** Attache's bound on workspaces per instance (answered with ServiceQuotaExceededException). */
export const MAX_WORKSPACES_PER_INSTANCE = 500;

/** Search criteria bounds: nesting and the number of conditions in one request. */
export const SEARCH_MAX_DEPTH = 5;
export const SEARCH_MAX_CONDITIONS = 50;

/** CSS's named colours (CSS Color 4), plus transparent and currentcolor. */
export const CSS_COLOUR_NAMES: ReadonlySet<string> = new Set(
  (
    "aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown " +
    "burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan " +
    "darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred " +
    "darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink " +
    "deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold " +
    "goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush " +
    "lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey " +
    "lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime " +
    "limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen " +
    "mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin " +
    "navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise " +
    "palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue " +
    "saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow " +
    "springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen " +
    "transparent currentcolor"
  ).split(" "),
);
