import type { Metadata } from "next";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Page not found" };

/** Any address the console has no page for: the 404 inside the console's shell. */
export default function MissingPage() {
  notFound();
}
