import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { listFollows } from "@/server/data/follows/list-follows";
import { FollowListPage } from "@/components/people/follow-list-page";

interface FollowersPageProps {
  params: Promise<{ handle: string }>;
}

const listFor = cache((handle: string) => listFollows(handle, "followers"));

export async function generateMetadata({ params }: FollowersPageProps): Promise<Metadata> {
  const list = await listFor((await params).handle);
  return {
    title: list ? `Followers of ${list.person.displayName} (@${list.person.handle})` : "Page not found",
  };
}

export default async function FollowersPage({ params }: FollowersPageProps) {
  const list = await listFor((await params).handle);
  if (!list) notFound();
  return <FollowListPage list={list} which="followers" />;
}
