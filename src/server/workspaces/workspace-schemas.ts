import { z } from "zod";
import { codePointLength, ZBoundedTextSchema } from "@/server/text-schemas";
import {
  CSS_COLOUR_NAMES,
  FONT_FAMILIES,
  MEDIA_SOURCE_MAX_LENGTH,
  WORKSPACE_MEDIA_TYPES,
  WORKSPACE_VISIBILITIES,
} from "./workspace-rules";

/**
 * Workspace members as the model constrains them (spec §7A, §8), used by the console's forms, tRPC
 * and the AWS wire alike. The model's double-escaped patterns (spec §6) are implemented as intended:
 * a name must contain a non-white-space character, a description may hold line breaks and tabs but
 * no other control characters, a title none.
 */

export const ZWorkspaceMediaTypeSchema = z.enum(WORKSPACE_MEDIA_TYPES, {
  error: `MediaType must be one of ${WORKSPACE_MEDIA_TYPES.join(", ")}.`,
});
export const ZWorkspaceVisibilitySchema = z.enum(WORKSPACE_VISIBILITIES, {
  error: `Visibility must be one of ${WORKSPACE_VISIBILITIES.join(", ")}.`,
});

/** WorkspaceName: 1..127, with at least one visible character (white space or invisible format characters alone are not a name). */
export const ZWorkspaceNameSchema = ZBoundedTextSchema({
  label: "A workspace name",
  max: 127,
  min: 1,
  tooShort: "Enter a workspace name (white space alone is not a name).",
}).refine((name) => /[^\s\p{C}]/u.test(name), "Enter a workspace name (white space alone is not a name).");

/** WorkspaceTitle: 0..127, the model's ^[\P{C}]*$: no control, format, private-use or unassigned characters. */
export const ZWorkspaceTitleSchema = ZBoundedTextSchema({ label: "A title", max: 127 }).refine(
  (title) => !/\p{C}/u.test(title),
  "A title cannot contain control or invisible format characters.",
);

/** WorkspaceDescription: 0..500, the model's ^[\P{C}\r\n\t]*$: line breaks and tabs, but no other control or invisible format character. */
export const ZWorkspaceDescriptionSchema = z
  .string({ error: "A description must be text." })
  .trim()
  .refine((value) => codePointLength(value) <= 500, {
    message: "A description has at most 500 characters.",
    abort: true,
  })
  .refine((value) => !/[\u2028\u2029]/.test(value) && !/\p{C}/u.test(value.replace(/[\r\n\t]/g, "")), {
    message: "A description cannot contain control characters other than line breaks and tabs.",
  });

/** TagKey: 1..128, the model's pattern (no "aws:" prefix); TagValue 0..256. Map of 1..50 entries. */
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const ZTagsSchema = z
  .unknown()
  // JSON.parse makes "__proto__" an own key, which a record would silently drop.
  .refine((raw) => !(raw !== null && typeof raw === "object" && Object.hasOwn(raw, "__proto__")), {
    message: 'A tag key cannot be "__proto__".',
    abort: true,
  })
  .pipe(
    z.record(z.string(), ZBoundedTextSchema({ label: "A tag value", max: 256, trim: false }), {
      error: "Tags must be an object of text keys and values.",
    }),
  )
  .superRefine((tags, context) => {
    const keys = Object.keys(tags);
    if (keys.length < 1) context.addIssue({ code: "custom", message: "Tags, when given, need at least one entry." });
    if (keys.length > 50) context.addIssue({ code: "custom", message: "A workspace has at most 50 tags." });
    for (const key of keys) {
      if (codePointLength(key) < 1 || codePointLength(key) > 128) {
        context.addIssue({ code: "custom", path: [key], message: "A tag key has 1 to 128 characters." });
      } else if (!TAG_KEY.test(key)) {
        context.addIssue({
          code: "custom",
          path: [key],
          message: 'A tag key may hold letters, digits, spaces and _ . : / = + - @, and cannot start with "aws:".',
        });
      }
    }
  });

/**
 * A theme colour. The model allows any non-blank text up to 127 characters; Attache keeps only CSS
 * colours (hex, rgb(), hsl() or a colour name), so a theme can never carry url() or other CSS into a
 * page that renders it.
 */
const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:%|deg)?`;
const CSS_COLOUR_SYNTAX = new RegExp(
  String.raw`^(?:#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|(?:rgba?|hsla?)\(\s*${NUMBER}(?:\s*[,\s/]\s*${NUMBER}){2,3}\s*\))$`,
  "i",
);
export function isCssColour(value: string): boolean {
  const colour = value.trim();
  return CSS_COLOUR_SYNTAX.test(colour) || CSS_COLOUR_NAMES.has(colour.toLowerCase());
}
const colour = (label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(1, `${label} cannot be empty.`)
    .max(127, `${label} has at most 127 characters.`)
    .refine(isCssColour, `${label} must be a CSS colour such as #1f2937, rgb(31 41 55) or navy.`);

/** ThemeImageLink: 1..254, non-blank; Attache keeps only http(s) URLs and its own /media/ paths (no javascript: or data:). */
const imageLink = (label: string) =>
  ZBoundedTextSchema({ label, max: 254, min: 1 }).refine(
    (link) => /^(?:https?:\/\/[^\s/]|\/media\/)/i.test(link),
    `${label} must be an http(s) URL or an Attache /media/ path.`,
  );

const object = <T extends z.ZodRawShape>(name: string, shape: T) =>
  z.strictObject(shape, { error: `${name} must be an object with only the model's members.` });

export const ZWorkspaceThemeConfigSchema = object("A theme configuration", {
  Palette: object("Palette", {
    Header: object("Palette.Header", {
      Background: colour("Header background").optional(),
      Text: colour("Header text").optional(),
      TextHover: colour("Header text on hover").optional(),
      InvertActionsColors: z.boolean({ error: "InvertActionsColors must be true or false." }).optional(),
    }).optional(),
    Navigation: object("Palette.Navigation", {
      Background: colour("Navigation background").optional(),
      TextBackgroundHover: colour("Navigation hover background").optional(),
      TextBackgroundActive: colour("Navigation active background").optional(),
      Text: colour("Navigation text").optional(),
      TextHover: colour("Navigation text on hover").optional(),
      TextActive: colour("Navigation active text").optional(),
      InvertActionsColors: z.boolean({ error: "InvertActionsColors must be true or false." }).optional(),
    }).optional(),
    Canvas: object("Palette.Canvas", {
      ContainerBackground: colour("Container background").optional(),
      PageBackground: colour("Page background").optional(),
      ActiveBackground: colour("Active background").optional(),
    }).optional(),
    Primary: object("Palette.Primary", {
      Default: colour("Primary colour").optional(),
      Active: colour("Primary active colour").optional(),
      ContrastText: colour("Primary contrast text").optional(),
    }).optional(),
  }).optional(),
  Images: object("Images", {
    Logo: object("Images.Logo", {
      Default: imageLink("The logo link").optional(),
      Favicon: imageLink("The favicon link").optional(),
    }).optional(),
  }).optional(),
  Typography: object("Typography", {
    FontFamily: object("Typography.FontFamily", {
      Default: z
        .enum(FONT_FAMILIES, { error: `The font family must be one of ${FONT_FAMILIES.join(", ")}.` })
        .optional(),
    }).optional(),
  }).optional(),
});
export type TWorkspaceThemeConfig = z.infer<typeof ZWorkspaceThemeConfigSchema>;

export const ZWorkspaceThemeSchema = object("Theme", {
  Light: ZWorkspaceThemeConfigSchema.optional(),
  Dark: ZWorkspaceThemeConfigSchema.optional(),
});
export type TWorkspaceTheme = z.infer<typeof ZWorkspaceThemeSchema>;

/** MediaSource: 1..533,333 characters and not blank: base64, a data: URL, or an http(s) URL. */
export const ZMediaSourceSchema = z
  .string({ error: "MediaSource must be text." })
  .max(MEDIA_SOURCE_MAX_LENGTH, `MediaSource has at most ${MEDIA_SOURCE_MAX_LENGTH} characters (400 kB as base64).`)
  .refine((value) => /\S/.test(value), "MediaSource cannot be empty or white space.");

/** Workspace ids are issued by Attache (UUIDs); the model allows 1..256 characters. */
export const ZWorkspaceIdSchema = ZBoundedTextSchema({ label: "The workspace id", max: 256, min: 1, trim: false });

// ---- Console (tRPC) inputs and outputs ----

export const ZWorkspaceSchema = z.object({
  id: z.string(),
  arn: z.string(),
  instanceId: z.string(),
  name: z.string(),
  description: z.string(),
  title: z.string(),
  visibility: ZWorkspaceVisibilitySchema,
  theme: ZWorkspaceThemeSchema,
  tags: z.record(z.string(), z.string()),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TWorkspace = z.infer<typeof ZWorkspaceSchema>;

export const ZWorkspaceMediaSchema = z.object({
  type: ZWorkspaceMediaTypeSchema,
  contentHash: z.string(),
  /** Served at this path (relative to the console), with a year-long immutable cache. */
  path: z.string(),
  mime: z.string(),
  format: z.string(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  updatedAt: z.date(),
  /** The image this slot held before its last replacement, for Undo. */
  previousContentHash: z.string().nullable(),
});
export type TWorkspaceMedia = z.infer<typeof ZWorkspaceMediaSchema>;

export const ZCreateWorkspaceSchema = z.object({
  instanceId: z.uuid("That is not an instance id."),
  name: ZWorkspaceNameSchema,
  description: ZWorkspaceDescriptionSchema.optional(),
  title: ZWorkspaceTitleSchema.optional(),
  visibility: ZWorkspaceVisibilitySchema.optional(),
});
export type TCreateWorkspace = z.infer<typeof ZCreateWorkspaceSchema>;

export const ZWorkspaceRefSchema = z.object({
  instanceId: z.uuid("That is not an instance id."),
  workspaceId: z.uuid("That is not a workspace id."),
});

const ZExpectedVersionSchema = z.number().int().min(1).optional();

export const ZUpdateWorkspaceMetadataSchema = ZWorkspaceRefSchema.extend({
  name: ZWorkspaceNameSchema.optional(),
  description: ZWorkspaceDescriptionSchema.optional(),
  title: ZWorkspaceTitleSchema.optional(),
  expectedVersion: ZExpectedVersionSchema,
});

export const ZUpdateWorkspaceVisibilitySchema = ZWorkspaceRefSchema.extend({
  visibility: ZWorkspaceVisibilitySchema,
  expectedVersion: ZExpectedVersionSchema,
});

export const ZUpdateWorkspaceThemeSchema = ZWorkspaceRefSchema.extend({
  theme: ZWorkspaceThemeSchema,
  expectedVersion: ZExpectedVersionSchema,
});

export const ZDeleteWorkspaceSchema = ZWorkspaceRefSchema.extend({
  /** The name, typed by the person deleting, to show they mean this workspace. */
  confirmName: ZBoundedTextSchema({ label: "The name", max: 127 }),
});

export const ZWorkspaceMediaSlotSchema = ZWorkspaceRefSchema.extend({ type: ZWorkspaceMediaTypeSchema });

export const ZRestoreWorkspaceMediaSchema = ZWorkspaceMediaSlotSchema.extend({
  /** The image to put back: the slot's previousContentHash. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, "That is not an image's content hash."),
});

export const ZListWorkspacesSchema = z.object({
  instanceId: z.uuid("That is not an instance id."),
  /** Matches name or description, ignoring case. */
  query: ZBoundedTextSchema({ label: "The search", max: 127 }).optional(),
});

export const ZImportWorkspaceMediaSchema = ZWorkspaceRefSchema.extend({
  type: ZWorkspaceMediaTypeSchema,
  /** base64, a data: URL, or an http(s) URL on the allowlist. */
  source: ZMediaSourceSchema,
});

export const ZWorkspaceListSchema = z.object({
  instance: z.object({ id: z.string(), alias: z.string(), arn: z.string() }),
  workspaces: z.array(ZWorkspaceSchema),
  /** All the instance's workspaces, before the search narrowed them. */
  total: z.number().int(),
});

export const ZWorkspaceDetailSchema = z.object({
  instance: z.object({ id: z.string(), alias: z.string(), arn: z.string() }),
  workspace: ZWorkspaceSchema,
  media: z.array(ZWorkspaceMediaSchema),
});

export const ZMediaCheckResultSchema = z.object({
  format: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  checks: z.array(z.object({ rule: z.string(), ok: z.boolean(), message: z.string() })),
  /** The image exactly as it would be stored (sanitized SVG, re-encoded raster), as a data: URL; null when refused. */
  previewDataUrl: z.string().nullable(),
});
export type TMediaCheckResult = z.infer<typeof ZMediaCheckResultSchema>;
