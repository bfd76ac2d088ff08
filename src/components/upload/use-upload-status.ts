"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchUploadStatus } from "./fetch-upload-status";

// Every 500 ms at first, easing off to every 3 s for a slow photo, so a big batch processing at once
// doesn't run into the rate limiter. Stops once the photo is READY or FAILED.
function pollInterval(status: string | undefined, polls: number): number | false {
  if (status !== undefined && status !== "PROCESSING") return false;
  return Math.min(500 + polls * 100, 3000);
}

export function useUploadStatus(photoId: string) {
  return useQuery({
    queryKey: ["upload-status", photoId],
    queryFn: ({ signal }) => fetchUploadStatus(photoId, signal),
    refetchInterval: (query) => pollInterval(query.state.data?.status, query.state.dataUpdateCount),
    // Status can change at any moment; never serve a cached answer as fresh.
    staleTime: 0,
  });
}
