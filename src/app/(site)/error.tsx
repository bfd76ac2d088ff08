"use client";

// An error in a page below (site): shown under the header the site layout already drew.
export { default } from "@/components/layout/error-page";
