"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from "react";
import { lazyComponent } from "@/lib/lazy";
import { preloadWhenIdle } from "@/lib/preload";

/**
 * Keeps unsaved work from being dropped by leaving the page: while a guard is active, closing or
 * reloading the tab asks the browser's own question, and following a link inside the console, going
 * back or forward in the browser's history, or signing out asks ours first.
 */

type TGuardContext = {
  setGuard: (id: string, message: string | null) => void;
  confirmLeave: () => Promise<boolean>;
};

const GuardContext = createContext<TGuardContext | null>(null);

/** Loaded once the page is up, so the question can come at once (even offline) without weighing on the first load. */
const ConfirmDialog = lazyComponent(() => import("@/components/ui/dialog").then((dialog) => dialog.ConfirmDialog));

function isPlainLeftClick(event: MouseEvent) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function NavigationGuardProvider({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const guards = useRef(new Map<string, string>());
  /** The history entry of the guarded page, put back when Back or Forward would leave it. */
  const guardedEntry = useRef<{ state: unknown; url: string } | null>(null);
  const [asking, setAsking] = useState<{ message: string; answer: (leave: boolean) => void } | null>(null);

  const confirmLeave = useCallback((): Promise<boolean> => {
    const message = guards.current.values().next().value;
    if (message === undefined) return Promise.resolve(true);
    return new Promise((resolve) =>
      setAsking({
        message,
        answer: (leave) => {
          setAsking(null);
          if (leave) guards.current.clear();
          resolve(leave);
        },
      }),
    );
  }, []);

  useEffect(() => preloadWhenIdle(ConfirmDialog.preload), []);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (guards.current.size === 0) return;
      event.preventDefault();
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (guards.current.size === 0 || event.defaultPrevented || !isPlainLeftClick(event)) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("download")) return;
      if (anchor.target && anchor.target !== "_self") return;
      const url = new URL(anchor.href, window.location.href);
      // Another site is a page unload (the browser asks); a link within this page leaves nothing.
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      event.preventDefault();
      event.stopPropagation();
      void confirmLeave().then((leave) => {
        if (leave) router.push(`${url.pathname}${url.search}${url.hash}`);
      });
    };
    // Back and Forward: this listener runs before Next.js's own (capture runs first at the window), so
    // the page stays, its entry is put back, and the question comes; leaving then goes where asked.
    const onPopState = (event: PopStateEvent) => {
      const entry = guardedEntry.current;
      if (guards.current.size === 0 || !entry) return;
      event.stopImmediatePropagation();
      window.history.pushState(entry.state, "", entry.url);
      void confirmLeave().then((leave) => {
        if (leave) window.history.back();
      });
    };
    window.addEventListener("popstate", onPopState, true);
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture, so the question comes before Next.js's own link handling.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("popstate", onPopState, true);
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [confirmLeave, router]);

  const value = useMemo<TGuardContext>(
    () => ({
      setGuard: (id, message) => {
        if (message === null) guards.current.delete(id);
        else {
          if (guards.current.size === 0) {
            guardedEntry.current = { state: window.history.state, url: window.location.href };
          }
          guards.current.set(id, message);
        }
      },
      confirmLeave,
    }),
    [confirmLeave],
  );

  return (
    <GuardContext.Provider value={value}>
      {children}
      {asking ? (
        <ConfirmDialog
          title="Leave this page?"
          confirmLabel="Leave"
          cancelLabel="Stay"
          onConfirm={() => asking.answer(true)}
          onCancel={() => asking.answer(false)}
        >
          <p>{asking.message}</p>
        </ConfirmDialog>
      ) : null}
    </GuardContext.Provider>
  );
}

/** While `message` is set, leaving the page asks first, with that message. */
export function useNavigationGuard(message: string | null) {
  const context = useContext(GuardContext);
  const id = useId();
  useEffect(() => {
    context?.setGuard(id, message);
    return () => context?.setGuard(id, null);
  }, [context, id, message]);
}

/** For actions that leave the page without a link (signing out): resolves true when it is fine to go. */
export function useConfirmLeave(): () => Promise<boolean> {
  return useContext(GuardContext)?.confirmLeave ?? (() => Promise.resolve(true));
}
