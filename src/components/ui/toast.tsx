"use client";

import { lazyComponent } from "@/lib/lazy";

/**
 * Confirmations after a change ("Chat policy saved"), announced politely and gone after a few
 * seconds; changes that can be taken back offer Undo for a little longer.
 *
 * sonner and the toast cards (./toaster) are not needed for a page's first paint: the Toaster loads
 * them once the page is up, and a toast asked for before then shows as soon as they are there.
 */

const loadToaster = () => import("./toaster");

export const notify = {
  /** A change that worked; with `undo`, the toast offers to take it back. */
  success(message: string, options: { undo?: () => void } = {}) {
    void loadToaster().then(({ showToast }) => showToast.success(message, options));
  },
  error(message: string) {
    void loadToaster().then(({ showToast }) => showToast.error(message));
  },
};

export const Toaster = lazyComponent(() => import("./toaster").then((toaster) => toaster.Toaster));
