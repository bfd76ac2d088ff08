import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { listFollows } from "@/server/data/follows/list-follows";
import { FollowListPage } from "@/components/people/follow-list-page";

interface FollowingPageProps {
  params: Promise<{ handle: string }>;
}

const listFor = cache((handle: string) => listFollows(handle, "following"));

export async function generateMetadata({ params }: FollowingPageProps): Promise<Metadata> {
  const list = await listFor((await params).handle);
  return {
    title: list ? `Following of ${list.person.displayName} (@${list.person.handle})` : "Page not found",
  };
}

export default async function FollowingPage({ params }: FollowingPageProps) {
  const list = await listFor((await params).handle);
  if (!list) notFound();
  return <FollowListPage list={list} which="following" />;
}
