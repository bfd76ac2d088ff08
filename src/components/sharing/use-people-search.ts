"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Person } from "@/lib/access";

/** `value`, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

async function fetchPeople(q: string, signal: AbortSignal): Promise<Person[]> {
  const response = await fetch(`/api/people/search?${new URLSearchParams({ q })}`, {
    signal,
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw new Error(`People search failed (${response.status})`);
  const body = (await response.json()) as { people: Person[] };
  return body.people;
}

export interface PeopleSearch {
  people: Person[];
  /** The results answer exactly what is typed now (not an earlier, shorter text). */
  current: boolean;
  loading: boolean;
  failed: boolean;
}

/**
 * People matching `text` as it is typed: asked once typing pauses, the previous request aborted
 * (TanStack Query's signal), earlier results kept on screen meanwhile.
 */
export function usePeopleSearch(text: string): PeopleSearch {
  const wanted = text.trim();
  const q = useDebounced(wanted, 200);
  const query = useQuery({
    queryKey: ["people-search", q],
    queryFn: ({ signal }) => fetchPeople(q, signal),
    enabled: q.length > 0,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (!wanted) return { people: [], current: true, loading: false, failed: false };
  return {
    people: query.data ?? [],
    current: q === wanted && !query.isPlaceholderData && query.isSuccess,
    loading: q !== wanted || query.isFetching,
    failed: query.isError,
  };
}
