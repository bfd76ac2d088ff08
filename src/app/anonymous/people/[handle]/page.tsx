import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getPerson } from "@/server/data/get-person";
import { PersonStreamPage, personFeedMetadata, personTitle } from "@/components/people/person-stream-page";

interface AnonymousPersonPageProps {
  params: Promise<{ handle: string }>;
}

// /people/<handle> for visitors without a session cookie (the rewrite is in next.config.ts). It
// reads no cookies, so Next renders it once per person and serves the result from the page cache
// (src/server/cache/page-cache-handler.mjs) until that person's public view changes: database
// triggers bump their page version in the same transaction as the change, and the next request
// renders afresh. The revalidate period is only a backstop.
export const revalidate = 3600;
export const dynamic = "error";
export const dynamicParams = true;
export function generateStaticParams(): { handle: string }[] {
  return [];
}

const personFor = cache((handle: string) => getPerson(null, handle));

export async function generateMetadata({ params }: AnonymousPersonPageProps): Promise<Metadata> {
  const { handle } = await params;
  const person = await personFor(handle);
  return {
    title: personTitle(person),
    alternates: {
      canonical: `/people/${encodeURIComponent(handle)}`,
      ...(person && personFeedMetadata(person.handle).alternates),
    },
  };
}

export default async function AnonymousPersonPage({ params }: AnonymousPersonPageProps) {
  const person = await personFor((await params).handle);
  if (!person) notFound();
  return <PersonStreamPage viewer={null} person={person} />;
}
