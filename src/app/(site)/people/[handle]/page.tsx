import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { asVisitor, pageViewer } from "@/server/auth/page-viewer";
import { getPerson } from "@/server/data/get-person";
import { PersonStreamPage, personFeedMetadata, personTitle } from "@/components/people/person-stream-page";

interface PersonPageProps {
  params: Promise<{ handle: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// Signed-in viewers only: next.config.ts sends visitors without a session cookie to
// app/anonymous/people/[handle], the same page rendered once and kept in the page cache.

// Shared by the metadata and the page within one request, for whoever is asking (nobody, for the
// visitor's preview: `?as=visitor`).
const personFor = cache(async (handle: string, visitor: boolean) =>
  getPerson(await pageViewer(visitor), handle),
);

export async function generateMetadata({ params, searchParams }: PersonPageProps): Promise<Metadata> {
  const person = await personFor((await params).handle, asVisitor(await searchParams));
  return { title: personTitle(person), ...(person && personFeedMetadata(person.handle)) };
}

export default async function PersonPage({ params, searchParams }: PersonPageProps) {
  const visitor = asVisitor(await searchParams);
  const person = await personFor((await params).handle, visitor);
  // Before anything streams, so an unknown handle is a real 404 (this route has no loading.tsx).
  if (!person) notFound();
  return <PersonStreamPage viewer={await pageViewer(visitor)} person={person} asVisitor={visitor} />;
}
