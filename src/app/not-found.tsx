import Link from "next/link";
import { routes } from "@/lib/routes";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-fg-muted">There is nothing at this address.</p>
      <Link href={routes.dashboard} className="mt-6 inline-block font-medium text-link hover:underline">
        Back to the dashboard
      </Link>
    </main>
  );
}
