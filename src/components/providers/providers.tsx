"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { UploadQueueProvider } from "@/components/upload/upload-queue-provider";

// Client-side state that must outlive a page: the query cache and the upload queue. Mounted in the
// root layout, so navigating between pages keeps both (a full reload starts afresh).
export function Providers({ children }: { children: ReactNode }) {
  // Per tab rather than a module constant, so two requests on the server never share a cache.
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <UploadQueueProvider>{children}</UploadQueueProvider>
    </QueryClientProvider>
  );
}
