import type { Metadata, Viewport } from "next";
import { Suspense, type ReactNode } from "react";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { getCurrentUser } from "@/server/auth/current-user";
import { SkipLink } from "@/components/layout/skip-link";
import { SiteHeader } from "@/components/layout/site-header";
import { SiteFooter } from "@/components/layout/site-footer";
import { VisitorPreviewBanner } from "@/components/layout/visitor-preview-banner";
import { Providers } from "@/components/providers/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pinhole", template: "%s · Pinhole" },
  description: "Pinhole is a home for your photos: upload, organise and share the pictures you love.",
  applicationName: "Pinhole",
};

// Matches the page background so mobile browser chrome blends with the header in both themes.
export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

// `modal` is the @modal slot: the photo modal when a client navigation to /photos/<id> is
// intercepted (app/@modal/(.)photos/[id]), nothing otherwise. Optional only so that route types
// generated before the slot existed (a stale .next/types) still type-check.
export default async function RootLayout({ children, modal }: { children: ReactNode; modal?: ReactNode }) {
  const user = await getCurrentUser();

  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="flex min-h-dvh flex-col bg-background font-sans text-foreground antialiased">
        <Providers>
          <SkipLink />
          <SiteHeader user={user} />
          {/* tabIndex lets the skip link move focus here, not just scroll. */}
          <main id="main" tabIndex={-1} className="flex flex-1 flex-col outline-none">
            {/* Reads the URL on the client: its own boundary keeps every page server-rendered. */}
            <Suspense fallback={null}>
              <VisitorPreviewBanner />
            </Suspense>
            {children}
          </main>
          <SiteFooter />
          {modal}
        </Providers>
      </body>
    </html>
  );
}
