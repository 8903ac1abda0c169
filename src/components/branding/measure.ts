"use client";

import { useEffect, useState } from "react";
import { composite, measurePixels, parseColour, type TMeasuredImage, type TRgb, type TRgba } from "./contrast";

/**
 * What only the browser can tell: the colour of an image's pixels (drawn on a canvas), and what a
 * CSS colour name means. The images are same-origin (/media/…) or data: URLs, so the canvas is
 * never tainted.
 */

/** The largest side an image is scaled to for measuring: plenty for an average, and quick. */
const MEASURE_PX = 128;

const measured = new Map<string, Promise<TMeasuredImage | null>>();

async function measure(src: string): Promise<TMeasuredImage | null> {
  const image = new Image();
  image.decoding = "async";
  image.src = src;
  await image.decode();
  // An SVG without a size of its own has none: measure it at a size of ours.
  const width = image.naturalWidth || MEASURE_PX;
  const height = image.naturalHeight || MEASURE_PX / 4;
  const scale = Math.min(1, MEASURE_PX / Math.max(width, height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return measurePixels(context.getImageData(0, 0, canvas.width, canvas.height).data);
}

/** The colour of an image's opaque pixels; null when it has none or cannot be read. Measured once per image. */
export function measureImage(src: string): Promise<TMeasuredImage | null> {
  let pending = measured.get(src);
  if (!pending) {
    pending = measure(src).catch(() => null);
    measured.set(src, pending);
  }
  return pending;
}

export type TImageMeasure = { status: "measuring" } | { status: "done"; image: TMeasuredImage | null };

/** measureImage as state, for the image `src` (null: nothing to measure). */
export function useImageMeasure(src: string | null): TImageMeasure {
  const [state, setState] = useState<{ src: string | null; image: TMeasuredImage | null } | null>(null);
  useEffect(() => {
    if (!src) return;
    let current = true;
    void measureImage(src).then((image) => {
      if (current) setState({ src, image });
    });
    return () => {
      current = false;
    };
  }, [src]);
  return state && state.src === src ? { status: "done", image: state.image } : { status: "measuring" };
}

let probe: CanvasRenderingContext2D | null | undefined;

/** What the browser makes of a CSS colour, including names ("navy"); null for what it does not take. */
export function resolveCssColour(value: string): TRgba | null {
  const parsed = parseColour(value);
  if (parsed || typeof document === "undefined") return parsed;
  probe ??= document.createElement("canvas").getContext("2d");
  if (!probe) return null;
  // An invalid colour leaves fillStyle as it was: try from two starting points to tell.
  const results = ["#010203", "#040506"].map((start) => {
    if (!probe) return null;
    probe.fillStyle = start;
    probe.fillStyle = value.trim();
    return String(probe.fillStyle);
  });
  if (results[0] !== results[1] || !results[0]) return null;
  return parseColour(results[0]);
}

/** A colour as it shows over `background` (white by default), or null when the browser does not take it. */
export function solidColour(value: string, background: TRgb = { r: 255, g: 255, b: 255 }): TRgb | null {
  const colour = resolveCssColour(value);
  return colour ? composite(colour, background) : null;
}
