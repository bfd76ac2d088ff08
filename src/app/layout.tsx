import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { SkipLink } from "@/components/layout/skip-link";
import { SiteFooter } from "@/components/layout/site-footer";
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

// The root layout reads no cookies, so a page below it can be rendered once and served from the
// page cache to every anonymous visitor (app/anonymous). The header, which shows who is signed in,
// lives in the layouts below: (site)/layout.tsx reads the session, anonymous/layout.tsx does not.
//
// `modal` is the @modal slot: the photo modal when a client navigation to /photos/<id> is
// intercepted (app/@modal/(.)photos/[id]), nothing otherwise. Optional only so that route types
// generated before the slot existed (a stale .next/types) still type-check.
export default function RootLayout({ children, modal }: { children: ReactNode; modal?: ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="flex min-h-dvh flex-col bg-background font-sans text-foreground antialiased">
        <Providers>
          <SkipLink />
          {children}
          <SiteFooter />
          {modal}
        </Providers>
      </body>
    </html>
  );
}
