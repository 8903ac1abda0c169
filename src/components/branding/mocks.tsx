import { cx } from "@/lib/cx";
import type { TMode, TResolvedPalette } from "./theme";

/**
 * Small likenesses of where a workspace's images show: a browser tab (the favicon) and the agent
 * workspace (its header with the logo, the navigation and the canvas), in the theme's colours. The
 * words in them are scenery in colours the admin chose, so they are `inert` (out of the
 * accessibility tree and of contrast checks); the images keep their alt text.
 */

export type TMockImage = { src: string; alt: string; isNew?: boolean };

/** The browser's own chrome around the tab, as Chromium draws it in each mode. */
const CHROME: Record<TMode, { strip: string; tab: string; text: string; muted: string }> = {
  light: { strip: "#dee1e6", tab: "#ffffff", text: "#1f1f1f", muted: "#5f6368" },
  dark: { strip: "#202124", tab: "#35363a", text: "#e8eaed", muted: "#9aa0a6" },
};

/** A new image is outlined, so the eye finds it in the likeness. */
const NEW_OUTLINE = "outline-2 outline-dashed outline-fuchsia-500";

function Favicon({ image, size }: { image: TMockImage | null; size: 16 | 32 }) {
  const box = size === 16 ? "h-4 w-4" : "h-8 w-8";
  if (!image) {
    return <span aria-hidden="true" className={cx(box, "shrink-0 rounded-full border-2 border-current opacity-50")} />;
  }
  return (
    // biome-ignore lint/performance/noImgElement: an uploaded image at its exact size, not a page asset for next/image
    <img
      src={image.src}
      alt={image.alt}
      width={size}
      height={size}
      className={cx(box, "shrink-0 object-contain", image.isNew && `${NEW_OUTLINE} outline-offset-1`)}
    />
  );
}

/** One browser tab with the favicon at 16 px (as tabs show it) or 32 px (as high-density screens and shortcuts do). */
export function TabMock({
  mode,
  favicon,
  title,
  size = 16,
  className,
}: {
  mode: TMode;
  favicon: TMockImage | null;
  title: string;
  size?: 16 | 32;
  className?: string;
}) {
  const chrome = CHROME[mode];
  return (
    <div className={cx("px-2 pt-2", className)} style={{ backgroundColor: chrome.strip }}>
      <div
        className={cx(
          "flex max-w-64 items-center gap-2 rounded-t-lg px-3 font-sans",
          size === 16 ? "h-9 text-xs" : "h-12 text-sm",
        )}
        style={{ backgroundColor: chrome.tab, color: chrome.muted }}
      >
        <Favicon image={favicon} size={size} />
        <span inert className="min-w-0 flex-1 truncate" style={{ color: chrome.text }}>
          {title}
        </span>
        <span inert aria-hidden="true">
          ×
        </span>
      </div>
    </div>
  );
}

/** The agent workspace's header: the logo (or the title where there is none) and the actions. */
export function HeaderMock({
  palette,
  font,
  logo,
  title,
  className,
}: {
  palette: TResolvedPalette;
  font: string;
  logo: TMockImage | null;
  title: string;
  className?: string;
}) {
  const header = palette.Header;
  const action = header.InvertActionsColors
    ? { backgroundColor: header.Text, color: header.Background }
    : { color: header.Text };
  return (
    <div
      data-mock="header"
      className={cx("flex h-14 items-center gap-3 px-3", className)}
      style={{ backgroundColor: header.Background, color: header.Text, fontFamily: font }}
    >
      {logo ? (
        // biome-ignore lint/performance/noImgElement: an uploaded image at its exact size, not a page asset for next/image
        <img
          src={logo.src}
          alt={logo.alt}
          className={cx(
            "h-8 w-auto max-w-40 min-w-0 object-contain object-left",
            logo.isNew && `${NEW_OUTLINE} outline-offset-2`,
          )}
        />
      ) : null}
      <span inert className="min-w-0 flex-1 truncate text-sm font-semibold">
        {logo ? "" : title}
      </span>
      <span inert aria-hidden="true" className="flex shrink-0 gap-1.5">
        {["A", "?"].map((glyph) => (
          <span
            key={glyph}
            className="flex h-7 w-7 items-center justify-center rounded-full text-xs font-bold ring-1 ring-current"
            style={action}
          >
            {glyph}
          </span>
        ))}
      </span>
    </div>
  );
}

const NAV_ITEMS = ["Contacts", "Cases", "Tasks", "Knowledge"];

/** The whole agent workspace in one mode: a browser tab, the header, the navigation and the canvas. */
export function WorkspaceMock({
  mode,
  palette,
  font,
  logo,
  favicon,
  title,
}: {
  mode: TMode;
  palette: TResolvedPalette;
  font: string;
  logo: TMockImage | null;
  favicon: TMockImage | null;
  title: string;
}) {
  const { Navigation: nav, Canvas: canvas, Primary: primary } = palette;
  return (
    <div className="overflow-hidden rounded-lg border border-line shadow-sm">
      <TabMock mode={mode} favicon={favicon} title={title} />
      <HeaderMock palette={palette} font={font} logo={logo} title={title} />
      <div inert className="flex min-h-52 text-xs" style={{ fontFamily: font }}>
        <ul className="w-28 shrink-0 space-y-0.5 p-2 sm:w-32" style={{ backgroundColor: nav.Background }}>
          {NAV_ITEMS.map((item, index) => (
            <li
              key={item}
              className="truncate rounded px-2 py-1.5"
              style={
                index === 0
                  ? { backgroundColor: nav.TextBackgroundActive, color: nav.TextActive, fontWeight: 600 }
                  : index === 1
                    ? { backgroundColor: nav.TextBackgroundHover, color: nav.TextHover }
                    : { color: nav.Text }
              }
            >
              {item}
            </li>
          ))}
        </ul>
        <div className="min-w-0 flex-1 p-3" style={{ backgroundColor: canvas.PageBackground }}>
          <div
            className="space-y-2 rounded-md p-3 shadow-sm"
            style={{ backgroundColor: canvas.ContainerBackground, color: nav.Text }}
          >
            <p className="font-semibold">Incoming chat</p>
            <p className="rounded px-2 py-1" style={{ backgroundColor: canvas.ActiveBackground }}>
              Customer: Jane Doe
            </p>
            <div className="flex flex-wrap gap-2 pt-1">
              <span
                className="rounded-full px-3 py-1 font-semibold"
                style={{ backgroundColor: primary.Default, color: primary.ContrastText }}
              >
                Accept
              </span>
              <span
                className="rounded-full px-3 py-1 font-semibold"
                style={{ backgroundColor: primary.Active, color: primary.ContrastText }}
              >
                Pressed
              </span>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
