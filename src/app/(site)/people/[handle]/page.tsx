import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getCurrentUser } from "@/server/auth/current-user";
import { getPerson } from "@/server/data/get-person";
import { PersonStreamPage, personTitle } from "@/components/people/person-stream-page";

interface PersonPageProps {
  params: Promise<{ handle: string }>;
}

// Signed-in viewers only: next.config.ts sends visitors without a session cookie to
// app/anonymous/people/[handle], the same page rendered once and kept in the page cache.

// Shared by the metadata and the page within one request.
const personFor = cache(async (handle: string) => getPerson(await getCurrentUser(), handle));

export async function generateMetadata({ params }: PersonPageProps): Promise<Metadata> {
  return { title: personTitle(await personFor((await params).handle)) };
}

export default async function PersonPage({ params }: PersonPageProps) {
  const person = await personFor((await params).handle);
  // Before anything streams, so an unknown handle is a real 404 (this route has no loading.tsx).
  if (!person) notFound();
  return <PersonStreamPage viewer={await getCurrentUser()} person={person} />;
}
